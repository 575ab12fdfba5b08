package com.healthmed.processing.privacy;

import com.healthmed.schema.privacy.Envelope;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Locale;

/**
 * Crypto-shredding of personal data in events (LGPD): the event serializer becomes a
 * {@link PersonalDataSerializer} over Axon's message serializer, with the per-person keys in the service's
 * PostgreSQL, wrapped by the records master key ({@code healthmed.records.master-key}). Outside development the
 * repository's development master key is refused, as the gateway refuses it.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        before = AxonAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class PrivacyConfiguration {

    @Bean
    PersonalDataKeys personalDataKeys(DataSource dataSource, PlatformTransactionManager transactions,
                                      @Value("${healthmed.records.master-key:}") String masterKey,
                                      @Value("${healthmed.personal-data.key-cache-ttl:PT5M}") String cacheTtl,
                                      @Value("${healthmed.environment:production}") String environment) {
        if (Envelope.DEVELOPMENT_MASTER_KEY.equals(masterKey)
                && !"development".equals(environment.strip().toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("healthmed.environment is '" + environment + "', but healthmed.records.master-key "
                    + "(env HEALTHMED_RECORDS_MASTER_KEY) still holds the development default published in the repository");
        }
        var keys = new JdbcPersonalDataKeys(new JdbcTemplate(dataSource), transactions,
                Envelope.key(masterKey, "healthmed.records.master-key"), DurationStyle.detectAndParse(cacheTtl), Clock.systemUTC());
        keys.createTableIfMissing();
        return keys;
    }

    /** Axon's own eventSerializer bean steps back for this one (it is conditional on the qualifier). */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(@Qualifier("messageSerializer") Serializer messageSerializer, PersonalDataKeys keys) {
        return new PersonalDataSerializer(messageSerializer, keys);
    }
}
