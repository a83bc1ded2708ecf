package dev.cachedjdbc.benchmarks.mixes;

import dev.cachedjdbc.benchmarks.workload.ZipfKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * A key-value store shaped like YCSB's workload B: one table of 100,000 records of ten 100-character
 * fields, keys chosen with Zipf popularity; 95% of operations read a whole record by key, 5% update one field of
 * one record by key. Every record carries a version the updates raise.
 */
final class KeyValueMix extends Mix {

    static final String TABLE = "mx_kv_usertable";
    static final int RECORDS = 100_000;
    static final int FIELDS = 10;
    static final int FIELD_LENGTH = 100;

    private static final String READ = "SELECT * FROM mx_kv_usertable WHERE ycsb_key = ?";
    private static final String[] UPDATES = new String[FIELDS];

    static {
        for (int field = 0; field < FIELDS; field++) {
            UPDATES[field] = "UPDATE mx_kv_usertable SET field" + field + " = ?, version = GREATEST(version, ?)"
                    + " WHERE ycsb_key = ?";
        }
    }

    /** Weights per 100 operations. */
    enum Operation implements WeightedOperation {
        READ(95, false),
        UPDATE(5, true);

        private final int weight;
        private final boolean writes;

        Operation(int weight, boolean writes) {
            this.weight = weight;
            this.writes = writes;
        }

        @Override
        public int weight() {
            return weight;
        }

        @Override
        public boolean writes() {
            return writes;
        }
    }

    @Override
    String name() {
        return "keyvalue";
    }

    @Override
    String title() {
        return "key-value, 95% reads / 5% updates by key (YCSB-like)";
    }

    @Override
    List<Operation> operations() {
        return List.of(Operation.values());
    }

    /** Kept from run to run: updates change no row count, and loading 100 MB would take longer than a run. */
    @Override
    String prepare(Connection connection, double scale) throws SQLException {
        int records = scaled(RECORDS, scale);
        long present = rowsOf(connection, TABLE);
        if (present == records) {
            return "kept " + records + " records";
        }
        StringBuilder fields = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int field = 0; field < FIELDS; field++) {
            fields.append(", field").append(field).append(" TEXT NOT NULL");
            values.append(", substr(repeat(md5(g || '-").append(field).append("'), 4), 1, ").append(FIELD_LENGTH)
                    .append(')');
        }
        execute(connection,
                "DROP TABLE IF EXISTS " + TABLE,
                "CREATE TABLE " + TABLE + " (ycsb_key INT PRIMARY KEY" + fields + ", version BIGINT NOT NULL)",
                "INSERT INTO " + TABLE + " SELECT g" + values + ", 0 FROM generate_series(1, " + records + ") g",
                "VACUUM ANALYZE " + TABLE);
        return "loaded " + records + " records";
    }

    @Override
    Session open(Connection connection, MixSettings settings, DataSource reads, DataSource writes)
            throws SQLException {
        return new KeyValueSession(reads, writes, new ZipfKeys(scaled(RECORDS, settings.scale()),
                settings.zipfExponent()), VersionTickets.above(connection, TABLE));
    }

    private final class KeyValueSession implements Session {
        private final OperationMix<Operation> mix = new OperationMix<>(operations());
        private final DataSource reads;
        private final DataSource writes;
        private final ZipfKeys keys;
        private final VersionTickets tickets;
        private final VersionLedger records = new VersionLedger(TABLE);

        KeyValueSession(DataSource reads, DataSource writes, ZipfKeys keys, VersionTickets tickets) {
            this.reads = reads;
            this.writes = writes;
            this.keys = keys;
            this.tickets = tickets;
        }

        @Override
        public void perform(ReadCheck check) throws SQLException {
            int key = keys.next();
            if (mix.next() == Operation.READ) {
                read(check, key);
            } else {
                update(key, ThreadLocalRandom.current().nextInt(FIELDS));
            }
        }

        private void read(ReadCheck check, int key) throws SQLException {
            check.beginRead();
            check.expect(records, key);
            try (Connection connection = reads.getConnection();
                 PreparedStatement read = connection.prepareStatement(READ)) {
                read.setInt(1, key);
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("Record " + key + " is missing");
                    }
                    for (int field = 0; field < FIELDS; field++) {
                        row.getString(2 + field);
                    }
                    check.returned(records, row.getInt(1), row.getLong(2 + FIELDS));
                }
            }
            check.endRead();
        }

        private void update(int key, int field) throws SQLException {
            long version = tickets.next();
            try (Connection connection = writes.getConnection();
                 PreparedStatement update = connection.prepareStatement(UPDATES[field])) {
                update.setString(1, randomText(FIELD_LENGTH));
                update.setLong(2, version);
                update.setInt(3, key);
                update.executeUpdate();
            }
            records.committed(key, version);
        }
    }
}
