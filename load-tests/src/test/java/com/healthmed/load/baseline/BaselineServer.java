package com.healthmed.load.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Scenario 3's CRUD baseline, benchmark-only (never part of the product): the gateway's HTTP + JWT stack (Spring Boot
 * MVC on virtual threads, a Spring Security resource server validating the platform's Keycloak tokens as the gateway
 * does) over one {@code INSERT} per booking into a PostgreSQL table whose exclusion constraint refuses a second
 * booking of an overlapping slot of the same doctor. It uses the running platform's PostgreSQL (a database of its own,
 * {@code load_baseline}) and Keycloak, both read from the platform's {@code platform-endpoints.properties}, so both
 * sides of the comparison share the same servers. {@code ./healthmed load baseline} starts it on
 * {@code load.baseline.port} (18090) and stops it by PID after the simulation.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BaselineServer {

    static final String DATABASE = "load_baseline";

    public static void main(String[] args) throws IOException, SQLException {
        var endpoints = new Properties();
        Path file = Path.of(System.getProperty("load.platformEndpoints", "data/platform-endpoints.properties"));
        try (Reader in = Files.newBufferedReader(file)) {
            endpoints.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no running platform: " + file.toAbsolutePath()
                    + " is written by ./healthmed run once the platform is up", e);
        }
        String platformDatabase = endpoints.getProperty("event-store.jdbc-url");
        String user = endpoints.getProperty("event-store.user");
        String url = createDatabase(platformDatabase, user);
        String keycloak = endpoints.getProperty("keycloak.url");
        Map<String, Object> settings = new HashMap<>();
        settings.put("server.address", "127.0.0.1");
        settings.put("server.port", System.getProperty("load.baseline.port", "18090"));
        // as the platform's standalone.yml: requests on virtual threads
        settings.put("spring.threads.virtual.enabled", "true");
        settings.put("spring.datasource.url", url);
        settings.put("spring.datasource.username", user);
        settings.put("spring.main.banner-mode", "off");
        settings.put("spring.mvc.problemdetails.enabled", "true");
        settings.put("baseline.jwk-set-uri", keycloak + "/realms/healthmed/protocol/openid-connect/certs");
        settings.put("baseline.issuer", System.getProperty("load.baseline.issuer", keycloak + "/realms/healthmed"));
        var application = new SpringApplication(BaselineServer.class);
        application.setDefaultProperties(settings);
        application.run(args);
    }

    /** The baseline's own database on the platform's PostgreSQL server (created on first use). */
    private static String createDatabase(String platformDatabase, String user) throws SQLException {
        try (var connection = DriverManager.getConnection(platformDatabase, user, "");
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("create database " + DATABASE);
            }
        }
        // jdbc:postgresql://host:port/healthmed?… -> the same server, the baseline's database
        return platformDatabase.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + DATABASE);
    }
}
