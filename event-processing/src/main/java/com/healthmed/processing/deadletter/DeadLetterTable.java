package com.healthmed.processing.deadletter;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.GenericDeadLetterTableFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;

/** Axon's dead-letter table in PostgreSQL types (bytea, not BLOB), created on first start. */
final class DeadLetterTable extends GenericDeadLetterTableFactory {

    private DeadLetterTable() {
    }

    static void createIfMissing(DataSource dataSource) {
        var schema = DeadLetterSchema.defaultSchema();
        Integer count = new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                        + "AND table_name = lower(?)", Integer.class, schema.deadLetterTable());
        if (count != null && count > 0) {
            return;
        }
        try (var connection = dataSource.getConnection();
             var statement = new DeadLetterTable().createTableStatement(connection, schema)) {
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the dead-letter table", e);
        }
    }

    @Override
    protected String serializedDataType() {
        return "BYTEA";
    }
}
