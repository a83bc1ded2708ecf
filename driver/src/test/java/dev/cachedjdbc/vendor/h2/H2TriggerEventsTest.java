package dev.cachedjdbc.vendor.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.schema.RowEvents;
import org.junit.jupiter.api.Test;

/** H2's trigger events, as INFORMATION_SCHEMA.TRIGGERS names them, read as the events a trigger runs on. */
class H2TriggerEventsTest {

    @Test
    void rowChangesMapToTheirEventsAndAnythingElseToEvery() {
        assertThat(H2Catalog.triggerEvents("INSERT")).isEqualTo(RowEvents.INSERTS);
        assertThat(H2Catalog.triggerEvents("UPDATE")).isEqualTo(RowEvents.UPDATES);
        assertThat(H2Catalog.triggerEvents("DELETE")).isEqualTo(RowEvents.DELETES);
        assertThat(H2Catalog.triggerEvents("SELECT")).isEqualTo(RowEvents.ANY);
        assertThat(H2Catalog.triggerEvents("ROLLBACK")).isEqualTo(RowEvents.ANY);
        assertThat(H2Catalog.triggerEvents(null)).isEqualTo(RowEvents.ANY);
    }
}
