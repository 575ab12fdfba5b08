package com.healthmed.gateway.rating;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.schema.rating.DoctorRatingResponse;
import com.healthmed.schema.rating.DoctorRatingsPageResponse;
import com.healthmed.schema.rating.FindDoctorRatingsQuery;
import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.search.FindDoctorListingQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Doctor ratings")
class DoctorRatingsController {

    /** page × size stays far below Integer.MAX_VALUE (100 × 10,000). */
    private static final int MAX_PAGE = 10_000;

    private final QueryGateway queries;

    DoctorRatingsController(QueryGateway queries) {
        this.queries = queries;
    }

    record RatingsPage(List<DoctorRatingResponse> items, int page, int size, long total) {
    }

    @Operation(summary = "A verified doctor's ratings, newest first: stars, comment and date, never who rated")
    @GetMapping("/api/v1/doctors/{doctorId}/ratings")
    RatingsPage ratings(@PathVariable String doctorId,
                        @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        // the same doctors as the public profile: unknown and unverified ones do not exist here either
        queries.query(new FindDoctorListingQuery(doctorId), ResponseTypes.optionalInstanceOf(DoctorSearchResult.class))
                .join().orElseThrow(() -> Problems.notFound("No doctor " + doctorId + "."));
        var result = queries.query(new FindDoctorRatingsQuery(doctorId, page, size),
                ResponseTypes.instanceOf(DoctorRatingsPageResponse.class)).join();
        return new RatingsPage(result.items(), result.page(), result.size(), result.total());
    }
}
