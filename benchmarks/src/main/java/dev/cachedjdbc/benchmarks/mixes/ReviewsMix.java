package dev.cachedjdbc.benchmarks.mixes;

import dev.cachedjdbc.benchmarks.workload.ZipfKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * A review site shaped like the Epinions workload of OLTPBench: users, items, reviews of items by users, and whom
 * each user trusts; reads of an item's reviews, its average rating, a user's reviews and the ratings of an item by
 * the users someone trusts; 50% writes, changing a review's rating or a trust by their composite keys and renaming
 * items and users by id. Reviews refer to items and users by {@code ON DELETE CASCADE} foreign keys, trust to users;
 * no operation deletes anything. Every row carries a version the writes raise.
 *
 * <p>Who reviewed what is fixed by arithmetic, so that a read can name every row it may return before it runs:
 * the reviews of item i are by users {@link #reviewerOf}(i, 0..9), and user s trusts {@link #trusteeOf}(s, 1..10).
 */
final class ReviewsMix extends Mix {

    static final int USERS = 2_000;
    static final int ITEMS = 1_000;
    static final int REVIEWS_PER_ITEM = 10;
    static final int TRUSTED_PER_USER = 10;

    private static final String ITEM_REVIEWS = "SELECT r.a_id, r.u_id, r.rating, r.version, i.title, i.version"
            + " FROM mx_rv_review r JOIN mx_rv_item i ON i.i_id = r.i_id WHERE r.i_id = ?"
            + " ORDER BY r.rating DESC, r.a_id LIMIT 10";
    private static final String ITEM_AVERAGE_RATING = "SELECT avg(rating) FROM mx_rv_review WHERE i_id = ?";
    private static final String USER_REVIEWS = "SELECT r.a_id, r.i_id, r.rating, r.version, u.name, u.version"
            + " FROM mx_rv_review r JOIN mx_rv_useracct u ON u.u_id = r.u_id WHERE r.u_id = ?"
            + " ORDER BY r.rating DESC, r.a_id LIMIT 10";
    private static final String TRUSTED_RATINGS = "SELECT r.u_id, r.rating, r.version, t.trust, t.version"
            + " FROM mx_rv_review r JOIN mx_rv_trust t ON t.target_u_id = r.u_id"
            + " WHERE r.i_id = ? AND t.source_u_id = ?";
    private static final String UPDATE_RATING =
            "UPDATE mx_rv_review SET rating = ?, version = GREATEST(version, ?) WHERE i_id = ? AND u_id = ?";
    private static final String UPDATE_TRUST = "UPDATE mx_rv_trust SET trust = ?, version = GREATEST(version, ?)"
            + " WHERE source_u_id = ? AND target_u_id = ?";
    private static final String UPDATE_ITEM_TITLE =
            "UPDATE mx_rv_item SET title = ?, version = GREATEST(version, ?) WHERE i_id = ?";
    private static final String UPDATE_USER_NAME =
            "UPDATE mx_rv_useracct SET name = ?, version = GREATEST(version, ?) WHERE u_id = ?";

    /** Weights per 1,000 operations. */
    enum Operation implements WeightedOperation {
        ITEM_REVIEWS(125, false),
        ITEM_AVERAGE_RATING(125, false),
        USER_REVIEWS(125, false),
        TRUSTED_RATINGS(125, false),
        UPDATE_RATING(150, true),
        UPDATE_TRUST(200, true),
        UPDATE_ITEM_TITLE(75, true),
        UPDATE_USER_NAME(75, true);

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
        return "reviews";
    }

    @Override
    String title() {
        return "product reviews and trust (Epinions-like)";
    }

    @Override
    List<Operation> operations() {
        return List.of(Operation.values());
    }

    /** The user who wrote item {@code item}'s {@code index}-th review (0-based). */
    static int reviewerOf(int item, int index, int users) {
        return ((item - 1) * REVIEWS_PER_ITEM + index) % users + 1;
    }

    /** The {@code index}-th user (1-based) whom user {@code source} trusts: the next users by id. */
    static int trusteeOf(int source, int index, int users) {
        return (source - 1 + index) % users + 1;
    }

    /** The items user {@code user} reviewed: review n (from 0) is by user n % users + 1, of item n / 10 + 1. */
    static List<Integer> itemsReviewedBy(int user, int users, int items) {
        List<Integer> reviewed = new ArrayList<>();
        for (int review = user - 1; review < items * REVIEWS_PER_ITEM; review += users) {
            reviewed.add(review / REVIEWS_PER_ITEM + 1);
        }
        return reviewed;
    }

    /** Kept from run to run when every table has its loaded row count: the mix only updates. */
    @Override
    String prepare(Connection connection, double scale) throws SQLException {
        int users = scaled(USERS, scale);
        int items = scaled(ITEMS, scale);
        int reviews = items * REVIEWS_PER_ITEM;
        int trusts = users * TRUSTED_PER_USER;
        if (rowsOf(connection, "mx_rv_useracct") == users && rowsOf(connection, "mx_rv_item") == items
                && rowsOf(connection, "mx_rv_review") == reviews && rowsOf(connection, "mx_rv_trust") == trusts) {
            return "kept " + users + " users, " + items + " items, " + reviews + " reviews";
        }
        execute(connection,
                "DROP TABLE IF EXISTS mx_rv_trust, mx_rv_review, mx_rv_item, mx_rv_useracct",
                "CREATE TABLE mx_rv_useracct (u_id INT PRIMARY KEY, name VARCHAR(128) NOT NULL,"
                        + " email VARCHAR(128) NOT NULL, creation_date TIMESTAMP NOT NULL, version BIGINT NOT NULL)",
                "CREATE TABLE mx_rv_item (i_id INT PRIMARY KEY, title VARCHAR(128) NOT NULL,"
                        + " description VARCHAR(512) NOT NULL, creation_date TIMESTAMP NOT NULL,"
                        + " version BIGINT NOT NULL)",
                "CREATE TABLE mx_rv_review (a_id SERIAL PRIMARY KEY,"
                        + " u_id INT NOT NULL REFERENCES mx_rv_useracct ON DELETE CASCADE,"
                        + " i_id INT NOT NULL REFERENCES mx_rv_item ON DELETE CASCADE,"
                        + " rating INT NOT NULL, rank INT, comment VARCHAR(256) NOT NULL,"
                        + " creation_date TIMESTAMP NOT NULL, version BIGINT NOT NULL)",
                "CREATE TABLE mx_rv_trust (source_u_id INT NOT NULL REFERENCES mx_rv_useracct ON DELETE CASCADE,"
                        + " target_u_id INT NOT NULL REFERENCES mx_rv_useracct ON DELETE CASCADE,"
                        + " trust INT NOT NULL, creation_date TIMESTAMP NOT NULL, version BIGINT NOT NULL,"
                        + " PRIMARY KEY (source_u_id, target_u_id))",
                "INSERT INTO mx_rv_useracct SELECT g, 'user ' || g, 'user' || g || '@example.org', current_timestamp,"
                        + " 0 FROM generate_series(1, " + users + ") g",
                "INSERT INTO mx_rv_item SELECT g, 'item ' || g, repeat(md5(g::text), 8), current_timestamp, 0"
                        + " FROM generate_series(1, " + items + ") g",
                // Review n (from 0) is item n / 10 + 1's, by user n % users + 1: reviewerOf(item, n % 10).
                "INSERT INTO mx_rv_review SELECT n + 1, n % " + users + " + 1, n / " + REVIEWS_PER_ITEM + " + 1,"
                        + " 1 + floor(random() * 5)::int, NULL, md5(n::text), current_timestamp, 0"
                        + " FROM generate_series(0, " + (reviews - 1) + ") n",
                "INSERT INTO mx_rv_trust SELECT s, (s - 1 + m) % " + users + " + 1, floor(random() * 2)::int,"
                        + " current_timestamp, 0 FROM generate_series(1, " + users + ") s,"
                        + " generate_series(1, " + TRUSTED_PER_USER + ") m",
                "SELECT setval(pg_get_serial_sequence('mx_rv_review', 'a_id'), " + reviews + ")",
                "CREATE INDEX mx_rv_review_item ON mx_rv_review (i_id, u_id)",
                "CREATE INDEX mx_rv_review_user ON mx_rv_review (u_id)",
                "VACUUM ANALYZE mx_rv_useracct",
                "VACUUM ANALYZE mx_rv_item",
                "VACUUM ANALYZE mx_rv_review",
                "VACUUM ANALYZE mx_rv_trust");
        return "loaded " + users + " users, " + items + " items, " + reviews + " reviews, " + trusts + " trusts";
    }

    @Override
    Session open(Connection connection, MixSettings settings, DataSource reads, DataSource writes)
            throws SQLException {
        int users = scaled(USERS, settings.scale());
        int items = scaled(ITEMS, settings.scale());
        return new ReviewsSession(reads, writes, users, items, settings.zipfExponent(),
                VersionTickets.above(connection, "mx_rv_useracct", "mx_rv_item", "mx_rv_review", "mx_rv_trust"));
    }

    private final class ReviewsSession implements Session {
        private final OperationMix<Operation> mix = new OperationMix<>(operations());
        private final DataSource reads;
        private final DataSource writes;
        private final int users;
        private final int items;
        private final ZipfKeys popularUsers;
        private final ZipfKeys popularItems;
        private final VersionTickets tickets;
        private final VersionLedger userVersions = new VersionLedger("mx_rv_useracct");
        private final VersionLedger itemVersions = new VersionLedger("mx_rv_item");
        private final VersionLedger reviewVersions = new VersionLedger("mx_rv_review by (i_id, u_id)");
        private final VersionLedger trustVersions = new VersionLedger("mx_rv_trust by (source_u_id, target_u_id)");

        ReviewsSession(DataSource reads, DataSource writes, int users, int items, double exponent,
                VersionTickets tickets) {
            this.reads = reads;
            this.writes = writes;
            this.users = users;
            this.items = items;
            this.popularUsers = new ZipfKeys(users, exponent);
            this.popularItems = new ZipfKeys(items, exponent);
            this.tickets = tickets;
        }

        /** One number per (first, second) pair of user or item ids, as the ledgers key composite keys. */
        private long pair(int first, int second) {
            return (long) first * (users + 1) + second;
        }

        @Override
        public void perform(ReadCheck check) throws SQLException {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            switch (mix.next()) {
                case ITEM_REVIEWS:
                    itemReviews(check, popularItems.next());
                    break;
                case ITEM_AVERAGE_RATING:
                    averageRating(check, popularItems.next());
                    break;
                case USER_REVIEWS:
                    userReviews(check, popularUsers.next());
                    break;
                case TRUSTED_RATINGS: {
                    int item = popularItems.next();
                    // Someone who trusts one of the item's reviewers, so that the answer is seldom empty.
                    int reviewer = reviewerOf(item, random.nextInt(REVIEWS_PER_ITEM), users);
                    int source = Math.floorMod(reviewer - 1 - (1 + random.nextInt(TRUSTED_PER_USER)), users) + 1;
                    trustedRatings(check, item, source);
                    break;
                }
                case UPDATE_RATING: {
                    int item = popularItems.next();
                    int user = reviewerOf(item, random.nextInt(REVIEWS_PER_ITEM), users);
                    update(UPDATE_RATING, reviewVersions, pair(item, user), 1 + random.nextInt(5), item, user);
                    break;
                }
                case UPDATE_TRUST: {
                    int source = popularUsers.next();
                    int target = trusteeOf(source, 1 + random.nextInt(TRUSTED_PER_USER), users);
                    update(UPDATE_TRUST, trustVersions, pair(source, target), random.nextInt(2), source, target);
                    break;
                }
                case UPDATE_ITEM_TITLE: {
                    int item = popularItems.next();
                    update(UPDATE_ITEM_TITLE, itemVersions, item, "item " + randomText(20), item);
                    break;
                }
                case UPDATE_USER_NAME: {
                    int user = popularUsers.next();
                    update(UPDATE_USER_NAME, userVersions, user, "user " + randomText(20), user);
                    break;
                }
                default:
                    throw new IllegalStateException();
            }
        }

        private void itemReviews(ReadCheck check, int item) throws SQLException {
            check.beginRead();
            check.expect(itemVersions, item);
            for (int index = 0; index < REVIEWS_PER_ITEM; index++) {
                check.expect(reviewVersions, pair(item, reviewerOf(item, index, users)));
            }
            try (Connection connection = reads.getConnection();
                 PreparedStatement read = connection.prepareStatement(ITEM_REVIEWS)) {
                read.setInt(1, item);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        rows.getInt(1);
                        rows.getInt(3);
                        rows.getString(5);
                        check.returned(reviewVersions, pair(item, rows.getInt(2)), rows.getLong(4));
                        check.returned(itemVersions, item, rows.getLong(6));
                    }
                }
            }
            check.endRead();
        }

        private void averageRating(ReadCheck check, int item) throws SQLException {
            try (Connection connection = reads.getConnection();
                 PreparedStatement read = connection.prepareStatement(ITEM_AVERAGE_RATING)) {
                read.setInt(1, item);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    row.getBigDecimal(1);
                }
            }
            check.unchecked();
        }

        private void userReviews(ReadCheck check, int user) throws SQLException {
            check.beginRead();
            check.expect(userVersions, user);
            for (int item : itemsReviewedBy(user, users, items)) {
                check.expect(reviewVersions, pair(item, user));
            }
            try (Connection connection = reads.getConnection();
                 PreparedStatement read = connection.prepareStatement(USER_REVIEWS)) {
                read.setInt(1, user);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        rows.getInt(1);
                        rows.getInt(3);
                        rows.getString(5);
                        check.returned(reviewVersions, pair(rows.getInt(2), user), rows.getLong(4));
                        check.returned(userVersions, user, rows.getLong(6));
                    }
                }
            }
            check.endRead();
        }

        private void trustedRatings(ReadCheck check, int item, int source) throws SQLException {
            check.beginRead();
            for (int index = 0; index < REVIEWS_PER_ITEM; index++) {
                check.expect(reviewVersions, pair(item, reviewerOf(item, index, users)));
            }
            for (int index = 1; index <= TRUSTED_PER_USER; index++) {
                check.expect(trustVersions, pair(source, trusteeOf(source, index, users)));
            }
            try (Connection connection = reads.getConnection();
                 PreparedStatement read = connection.prepareStatement(TRUSTED_RATINGS)) {
                read.setInt(1, item);
                read.setInt(2, source);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        int reviewer = rows.getInt(1);
                        rows.getInt(2);
                        rows.getInt(4);
                        check.returned(reviewVersions, pair(item, reviewer), rows.getLong(3));
                        check.returned(trustVersions, pair(source, reviewer), rows.getLong(5));
                    }
                }
            }
            check.endRead();
        }

        /** One autocommit update by key: the new value, then the version, then the key's columns. */
        private void update(String sql, VersionLedger ledger, long row, Object value, int... key)
                throws SQLException {
            long version = tickets.next();
            try (Connection connection = writes.getConnection();
                 PreparedStatement update = connection.prepareStatement(sql)) {
                update.setObject(1, value);
                update.setLong(2, version);
                for (int i = 0; i < key.length; i++) {
                    update.setInt(3 + i, key[i]);
                }
                update.executeUpdate();
            }
            ledger.committed(row, version);
        }
    }
}
