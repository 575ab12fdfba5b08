package com.healthmed.query.search;

import com.healthmed.query.search.DoctorListingDocument.Booked;
import com.healthmed.query.search.DoctorListingDocument.Window;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Benchmark data: writes N synthetic verified doctors (ids {@code synthetic-…}) straight into the search read
 * model, spread over Brazilian cities by population and over specialties by how common they are, with
 * agendas for the next two weeks, some slots booked. It bypasses the event store on purpose (millions of
 * events would measure the event store, not the search); a replay of {@code doctor-search} removes them.
 */
public final class SyntheticDoctors {

    private record City(String name, Uf state, double lat, double lng, int weight) {
    }

    /** Weights are roughly the cities' populations in 100,000s. */
    private static final List<City> CITIES = List.of(
            new City("São Paulo", Uf.SP, -23.5505, -46.6333, 114), new City("Rio de Janeiro", Uf.RJ, -22.9068, -43.1729, 62),
            new City("Brasília", Uf.DF, -15.7939, -47.8828, 28), new City("Salvador", Uf.BA, -12.9714, -38.5014, 24),
            new City("Fortaleza", Uf.CE, -3.7319, -38.5267, 24), new City("Belo Horizonte", Uf.MG, -19.9167, -43.9345, 23),
            new City("Manaus", Uf.AM, -3.1190, -60.0217, 21), new City("Curitiba", Uf.PR, -25.4284, -49.2733, 18),
            new City("Recife", Uf.PE, -8.0476, -34.8770, 15), new City("Goiânia", Uf.GO, -16.6869, -49.2648, 14),
            new City("Porto Alegre", Uf.RS, -30.0346, -51.2177, 13), new City("Belém", Uf.PA, -1.4558, -48.4902, 13),
            new City("Guarulhos", Uf.SP, -23.4538, -46.5333, 13), new City("Campinas", Uf.SP, -22.9056, -47.0608, 11),
            new City("São Luís", Uf.MA, -2.5307, -44.3068, 10), new City("Maceió", Uf.AL, -9.6658, -35.7350, 10),
            new City("Campo Grande", Uf.MS, -20.4697, -54.6201, 9), new City("Natal", Uf.RN, -5.7945, -35.2110, 8),
            new City("Teresina", Uf.PI, -5.0892, -42.8019, 8), new City("João Pessoa", Uf.PB, -7.1195, -34.8450, 8),
            new City("Santo André", Uf.SP, -23.6639, -46.5383, 7), new City("Osasco", Uf.SP, -23.5325, -46.7917, 7),
            new City("Ribeirão Preto", Uf.SP, -21.1775, -47.8103, 7), new City("Uberlândia", Uf.MG, -18.9186, -48.2772, 7),
            new City("Sorocaba", Uf.SP, -23.5015, -47.4526, 7), new City("Florianópolis", Uf.SC, -27.5954, -48.5480, 5),
            new City("Santos", Uf.SP, -23.9608, -46.3336, 4), new City("Vitória", Uf.ES, -20.3155, -40.3128, 4),
            new City("Cuiabá", Uf.MT, -15.6014, -56.0979, 6), new City("Aracaju", Uf.SE, -10.9472, -37.0731, 6));

    private static final List<Specialty> COMMON = List.of(Specialty.CLINICA_MEDICA, Specialty.PEDIATRIA,
            Specialty.GINECOLOGIA_E_OBSTETRICIA, Specialty.CIRURGIA_GERAL, Specialty.ANESTESIOLOGIA,
            Specialty.ORTOPEDIA_E_TRAUMATOLOGIA, Specialty.CARDIOLOGIA, Specialty.MEDICINA_DE_FAMILIA_E_COMUNIDADE,
            Specialty.OFTALMOLOGIA, Specialty.PSIQUIATRIA, Specialty.DERMATOLOGIA, Specialty.RADIOLOGIA_E_DIAGNOSTICO_POR_IMAGEM);

    private SyntheticDoctors() {
    }

    /** Removes earlier synthetic doctors and writes {@code count} new ones; returns how many were written. */
    public static int load(MongoTemplate mongo, int count, long seed, Instant now) {
        mongo.remove(query(where("_id").regex("^synthetic-")), DoctorListingDocument.class);
        var random = new Random(seed);
        int totalWeight = CITIES.stream().mapToInt(City::weight).sum();
        List<DoctorListingDocument> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(doctor(i, random, totalWeight, now));
            if (batch.size() == 1000) {
                mongo.insertAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insertAll(batch);
        }
        return count;
    }

    private static DoctorListingDocument doctor(int i, Random random, int totalWeight, Instant now) {
        City city = pickCity(random, totalWeight);
        // within ~15 km of the centre
        double lat = city.lat() + (random.nextDouble() - 0.5) * 0.27;
        double lng = city.lng() + (random.nextDouble() - 0.5) * 0.27;
        Specialty specialty = random.nextInt(100) < 80 ? COMMON.get(random.nextInt(COMMON.size()))
                : Specialty.values()[random.nextInt(Specialty.values().length)];
        BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(501)).setScale(2, RoundingMode.UNNECESSARY);
        boolean rated = random.nextInt(100) < 60;
        Double rating = rated ? Math.round((3 + random.nextDouble() * 2) * 10) / 10.0 : null;
        List<Window> windows = new ArrayList<>();
        List<Booked> bookings = new ArrayList<>();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        int days = random.nextInt(4);
        for (int d = 0; d < days; d++) {
            Instant start = today.plus(Duration.ofDays(1 + random.nextInt(14))).plus(Duration.ofHours(11 + d % 2 * 5));
            if (windows.stream().noneMatch(w -> w.start().equals(start))) {
                windows.add(new Window("w" + d, start, start.plus(Duration.ofHours(4)), 50, 10));
                if (random.nextBoolean()) {
                    bookings.add(new Booked("b" + d, start, start.plus(Duration.ofMinutes(50))));
                }
            }
        }
        windows.sort(java.util.Comparator.comparing(Window::start));
        String id = "synthetic-" + i;
        return new DoctorListingDocument(id, "Dr(a). Sintético " + i, (100000 + i) + "-" + city.state(),
                List.of(specialty), city.name(), CityNames.fold(city.name()), city.state(), lat, lng,
                new Money(price, Money.BRL), price.doubleValue(), rating, rated ? 1 + random.nextInt(200) : 0, true, 1,
                windows, bookings, DoctorSearchProjection.freeSlots(windows, bookings), null);
    }

    private static City pickCity(Random random, int totalWeight) {
        int pick = random.nextInt(totalWeight);
        for (City city : CITIES) {
            pick -= city.weight();
            if (pick < 0) {
                return city;
            }
        }
        return CITIES.getFirst();
    }
}
