package com.healthmed.gateway.search;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;
import com.healthmed.gateway.web.InvalidRequestException;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.healthmed.schema.rating.DoctorRatingSummaryResponse;
import com.healthmed.schema.rating.FindDoctorRatingSummaryQuery;
import com.healthmed.schema.search.DoctorSearchPageResponse;
import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.search.DoctorSort;
import com.healthmed.schema.search.FindDoctorListingQuery;
import com.healthmed.schema.search.SearchDoctorsQuery;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@RestController
@Tag(name = "Doctor search")
class DoctorSearchController {

    private static final double MAX_RADIUS_KM = 500;
    /** page × size stays far below Integer.MAX_VALUE (100 × 10,000). */
    private static final int MAX_PAGE = 10_000;
    /** The highest consultation price a doctor can set (7 integer digits). */
    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999.99");
    /** Availability is searched within the booking horizon; a year either side leaves room and keeps dates sane. */
    private static final Duration AVAILABILITY_REACH = Duration.ofDays(366);

    private final Clock clock;

    private final QueryGateway queries;

    DoctorSearchController(QueryGateway queries, ObjectProvider<Clock> clock) {
        this.queries = queries;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record SearchPage(List<DoctorSearchResult> items, long total, int page, int size, Map<String, String> links) {
    }

    @Operation(summary = "Find verified doctors by specialty, city/state, distance, rating, price and availability")
    @GetMapping("/api/v1/doctors")
    @PreAuthorize("hasRole('patient')")
    SearchPage search(@RequestParam(required = false) String specialty,
                      @RequestParam(required = false) String city,
                      @RequestParam(required = false) String state,
                      @RequestParam(required = false) Double lat,
                      @RequestParam(required = false) Double lng,
                      @RequestParam(required = false) Double radiusKm,
                      @RequestParam(required = false) Double minRating,
                      @RequestParam(required = false) BigDecimal maxPrice,
                      @RequestParam(required = false) OffsetDateTime availableFrom,
                      @RequestParam(required = false) OffsetDateTime availableTo,
                      @RequestParam(required = false) String sort,
                      @RequestParam(defaultValue = "0") int page,
                      @RequestParam(defaultValue = "20") int size) {
        List<FieldProblem> problems = new ArrayList<>();
        Specialty wanted = specialty == null ? null : Specialty.byName(specialty).orElseGet(() -> {
            problems.add(new FieldProblem("specialty", "is not a specialty of the list (GET /api/v1/specialties)"));
            return null;
        });
        Uf uf = parseUf(state, problems);
        if (city != null && (city.isBlank() || uf == null)) {
            problems.add(new FieldProblem("city", "needs a state too, e.g. city=Campinas&state=SP"));
        }
        boolean point = lat != null || lng != null || radiusKm != null;
        if (point) {
            if (lat == null || lng == null || radiusKm == null) {
                problems.add(new FieldProblem("lat", "lat, lng and radiusKm go together"));
            } else {
                // written as "not inside", so that NaN (for which every comparison is false) is refused too
                if (!(lat >= -90 && lat <= 90)) {
                    problems.add(new FieldProblem("lat", "must be between -90 and 90"));
                }
                if (!(lng >= -180 && lng <= 180)) {
                    problems.add(new FieldProblem("lng", "must be between -180 and 180"));
                }
                if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
                    problems.add(new FieldProblem("radiusKm", "must be more than 0 and at most 500"));
                }
            }
        }
        if (minRating != null && !(minRating >= 1 && minRating <= 5)) {
            problems.add(new FieldProblem("minRating", "must be between 1 and 5"));
        }
        if (maxPrice != null && (maxPrice.signum() <= 0 || maxPrice.compareTo(MAX_PRICE) > 0)) {
            problems.add(new FieldProblem("maxPrice", "must be positive and at most " + MAX_PRICE));
        }
        if ((availableFrom == null) != (availableTo == null)) {
            problems.add(new FieldProblem("availableFrom", "availableFrom and availableTo go together"));
        } else if (availableFrom != null && !availableTo.isAfter(availableFrom)) {
            problems.add(new FieldProblem("availableTo", "must be after availableFrom"));
        } else if (availableFrom != null) {
            requireWithinReach("availableFrom", availableFrom.toInstant(), problems);
            requireWithinReach("availableTo", availableTo.toInstant(), problems);
        }
        DoctorSort order = parseSort(sort, problems);
        if (order == DoctorSort.DISTANCE && !point) {
            problems.add(new FieldProblem("sort", "distance needs lat, lng and radiusKm"));
        }
        if (page < 0 || page > MAX_PAGE) {
            problems.add(new FieldProblem("page", "must be between 0 and " + MAX_PAGE));
        }
        if (size < 1 || size > 100) {
            problems.add(new FieldProblem("size", "must be between 1 and 100"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        var result = queries.query(new SearchDoctorsQuery(wanted, city, uf, lat, lng, radiusKm, minRating, maxPrice,
                        availableFrom == null ? null : availableFrom.toInstant(),
                        availableTo == null ? null : availableTo.toInstant(), order, page, size),
                ResponseTypes.instanceOf(DoctorSearchPageResponse.class)).join();
        return new SearchPage(result.items(), result.total(), page, size, links(page, size, result.total()));
    }

    /** The listing's fields, and the doctor's rating in full (average, count, distribution 1–5). */
    record DoctorProfileView(@JsonUnwrapped DoctorSearchResult doctor, DoctorRatingSummaryResponse rating) {
    }

    @Operation(summary = "A verified doctor's public profile, with the rating")
    @GetMapping("/api/v1/doctors/{doctorId}")
    DoctorProfileView profile(@PathVariable String doctorId) {
        var doctor = queries.query(new FindDoctorListingQuery(doctorId),
                        ResponseTypes.optionalInstanceOf(DoctorSearchResult.class)).join()
                .orElseThrow(() -> Problems.notFound("No doctor " + doctorId + "."));
        var rating = queries.query(new FindDoctorRatingSummaryQuery(doctorId),
                        ResponseTypes.optionalInstanceOf(DoctorRatingSummaryResponse.class)).join()
                .orElseGet(() -> new DoctorRatingSummaryResponse(null, 0,
                        Map.of(1, 0, 2, 0, 3, 0, 4, 0, 5, 0)));
        return new DoctorProfileView(doctor, rating);
    }

    private void requireWithinReach(String field, Instant at, List<FieldProblem> problems) {
        Instant now = clock.instant();
        if (at.isBefore(now.minus(AVAILABILITY_REACH)) || at.isAfter(now.plus(AVAILABILITY_REACH))) {
            problems.add(new FieldProblem(field, "must be within a year from now"));
        }
    }

    private static Uf parseUf(String state, List<FieldProblem> problems) {
        if (state == null) {
            return null;
        }
        try {
            return Uf.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("state", "is not a Brazilian UF"));
            return null;
        }
    }

    private static DoctorSort parseSort(String sort, List<FieldProblem> problems) {
        if (sort == null) {
            return null;
        }
        return switch (sort) {
            case "distance" -> DoctorSort.DISTANCE;
            case "rating" -> DoctorSort.RATING;
            case "price" -> DoctorSort.PRICE;
            case "nextAvailable" -> DoctorSort.NEXT_AVAILABLE;
            default -> {
                problems.add(new FieldProblem("sort", "must be distance, rating, price or nextAvailable"));
                yield null;
            }
        };
    }

    /** first / prev / next / last links that keep every other parameter of this request. */
    private static Map<String, String> links(int page, int size, long total) {
        int last = total == 0 ? 0 : (int) ((total - 1) / size);
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", pageUrl(page));
        links.put("first", pageUrl(0));
        if (page > 0) {
            links.put("prev", pageUrl(Math.min(page - 1, last)));
        }
        if (page < last) {
            links.put("next", pageUrl(page + 1));
        }
        links.put("last", pageUrl(last));
        return links;
    }

    private static String pageUrl(int page) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).toUriString();
    }
}
