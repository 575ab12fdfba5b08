package com.healthmed.processing.privacy;

import com.healthmed.schema.privacy.Envelope;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcPersonalDataKeysTest {

    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    private JdbcPersonalDataKeys keys() {
        var keys = new JdbcPersonalDataKeys(jdbc, new DataSourceTransactionManager(dataSource), Envelope.newKey(),
                Duration.ofMinutes(5), Clock.systemUTC());
        keys.createTableIfMissing();
        return keys;
    }

    @Test
    void aKeyIsStoredOnlyWrappedAndDestroyedForGood() {
        var keys = keys();
        var key = keys.forWriting("p-1");

        assertThat(keys.forWriting("p-1")).isEqualTo(key);
        assertThat(keys.forReading("p-1")).contains(key);
        byte[] wrapped = jdbc.queryForObject("SELECT wrapped_key FROM personal_data_keys WHERE subject_id = 'p-1'", byte[].class);
        assertThat(wrapped).isNotEqualTo(key.getEncoded());

        keys.destroy("p-1");
        keys.destroy("p-1");

        assertThat(keys.forReading("p-1")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_keys WHERE subject_id = 'p-1' "
                + "AND wrapped_key IS NULL AND erased_at IS NOT NULL", Integer.class)).isEqualTo(1);
        assertThatThrownBy(() -> keys.forWriting("p-1")).isInstanceOf(PersonalDataKeys.SubjectErasedException.class);
    }

    @Test
    void erasingSomeoneWithoutAKeyLeavesATombstone() {
        var keys = keys();
        keys.destroy("p-9");
        assertThatThrownBy(() -> keys.forWriting("p-9")).isInstanceOf(PersonalDataKeys.SubjectErasedException.class);
    }
}
