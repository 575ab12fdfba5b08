package com.healthmed.load.setup;

import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code ./healthmed load seed [-Dload.patients=N] [-Dload.doctors=M]}: tops the pool up to N patients and M verified
 * doctors on the running platform, through the public API (registration, the administrator's verification, one login
 * each), and saves them with their tokens in the pool file. Re-running it adds only what is missing.
 */
public final class Seed {

    static final String PASSWORD = "load-test-pass";
    private static final int PARALLEL = 4;

    private Seed() {
    }

    public static void main(String[] args) throws Exception {
        int patients = Integer.getInteger("load.patients", 250);
        int doctors = Integer.getInteger("load.doctors", 50);
        Pool pool = Pool.load();
        String admin = Tokens.login(new Account(null, "admin", System.getProperty("load.adminPassword", "healthmed-dev-admin"),
                null, null, null, null)).accessToken();
        List<Account> newDoctors = create(doctors - pool.doctors().size(), () -> doctor(admin));
        pool.doctors().addAll(newDoctors);
        pool.save();
        List<Account> newPatients = create(patients - pool.patients().size(), Seed::patient);
        pool.patients().addAll(newPatients);
        pool.save();
        System.out.printf("pool %s: %d patients (%d new), %d verified doctors (%d new)%n", Pool.FILE.toAbsolutePath(),
                pool.patients().size(), newPatients.size(), pool.doctors().size(), newDoctors.size());
    }

    private static List<Account> create(int count, java.util.concurrent.Callable<Account> one)
            throws InterruptedException, ExecutionException {
        List<Account> created = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<Account>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(one));
            }
            for (var future : futures) {
                created.add(future.get());
            }
        }
        return created;
    }

    private static Account patient() {
        String email = "load-patient-" + unique() + "@example.com";
        var body = Http.JSON.createObjectNode().put("name", "Paciente Carga").put("cpf", Documents.cpf())
                .put("email", email).put("password", PASSWORD).put("phone", "+5511999990000")
                .put("birthDate", "1990-04-12").put("city", "São Paulo").put("state", "SP");
        body.putObject("location").put("lat", -23.55).put("lng", -46.63);
        String id = Http.post("/api/v1/patients", body, null).expect(201, "patient registration").body().get("id").asString();
        return Tokens.login(new Account(id, email, PASSWORD, null, null, null, null));
    }

    private static Account doctor(String admin) {
        for (int attempt = 0; ; attempt++) {
            String crm = Documents.crmNumber();
            var registered = Http.post("/api/v1/doctors", doctorBody(crm), null);
            if (registered.status() == 409 && attempt < 5) {
                continue; // the random CRM is taken: draw another
            }
            String id = registered.expect(201, "doctor registration").body().get("id").asString();
            Http.post("/api/v1/admin/doctors/" + id + "/verification", Http.JSON.createObjectNode(), admin)
                    .expect(200, "verification of doctor " + id);
            return Tokens.login(new Account(id, crm + "-SP", PASSWORD, null, null, null, null));
        }
    }

    private static ObjectNode doctorBody(String crm) {
        var body = Http.JSON.createObjectNode().put("name", "Médica Carga").put("email", "load-doctor-" + unique() + "@example.com")
                .put("password", PASSWORD).put("timeZone", "America/Sao_Paulo");
        body.putObject("crm").put("number", crm).put("uf", "SP");
        body.putArray("specialties").add("Cardiologia");
        body.putObject("consultationPrice").put("amount", "250.00").put("currency", "BRL");
        body.putObject("address").put("street", "Av. Paulista, 1000").put("city", "São Paulo").put("state", "SP");
        body.putObject("location").put("lat", -23.56).put("lng", -46.65);
        return body;
    }

    private static String unique() {
        return Long.toString(System.currentTimeMillis(), 36) + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }
}
