package dev.cachedjdbc.vendor.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.schema.RowEvents;
import org.junit.jupiter.api.Test;

/** pg_trigger.tgtype bits, as PostgreSQL's trigger.h defines them, read as the events a trigger runs on. */
class PostgresTriggerEventsTest {

    @Test
    void triggerTypesMapToTheEventsTheyName() {
        assertThat(PostgresCatalog.triggerEvents(1 << 3)).as("DELETE").isEqualTo(RowEvents.DELETES);
        assertThat(PostgresCatalog.triggerEvents((1 << 2) | (1 << 4))).as("INSERT OR UPDATE")
                .isEqualTo(RowEvents.INSERTS | RowEvents.UPDATES);
        assertThat(PostgresCatalog.triggerEvents(1 << 5)).as("TRUNCATE").isEqualTo(RowEvents.ANY);
        assertThat(PostgresCatalog.triggerEvents(1)).as("no event named").isEqualTo(RowEvents.ANY);
    }
}
