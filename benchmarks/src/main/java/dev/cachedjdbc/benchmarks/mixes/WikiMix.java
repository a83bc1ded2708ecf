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
 * A wiki shaped like the Wikipedia workload of OLTPBench: pages looked up by namespace and title, each showing its
 * latest revision's text of about 16 KB; users and their watchlists; 8% writes, edits (a new text and revision, the
 * page pointed at them, the editor's edit count raised, in one transaction) and additions to a watchlist. The schema
 * declares {@code ON DELETE CASCADE} foreign keys from revisions to pages, texts and users and from watchlists to
 * users; no operation deletes anything. Pages and users carry a version that edits raise.
 */
final class WikiMix extends Mix {

    static final int PAGES = 1_000;
    static final int USERS = 2_000;
    static final int WATCHED_PER_USER = 10;
    static final int TEXT_LENGTH = 16_384;

    private static final String PAGE_VIEW = "SELECT p.page_id, p.page_latest, p.page_touched, p.page_len, p.version,"
            + " r.rev_id, r.rev_timestamp, r.rev_user_text, t.old_id, t.old_text FROM mx_wk_page p"
            + " JOIN mx_wk_revision r ON r.rev_id = p.page_latest JOIN mx_wk_text t ON t.old_id = r.rev_text_id"
            + " WHERE p.page_namespace = ? AND p.page_title = ?";
    private static final String USER = "SELECT user_id, user_name, user_editcount, user_touched, version"
            + " FROM mx_wk_useracct WHERE user_id = ?";
    private static final String WATCHLIST = "SELECT wl_namespace, wl_title, wl_notificationtimestamp"
            + " FROM mx_wk_watchlist WHERE wl_user = ? ORDER BY wl_namespace, wl_title";
    private static final String INSERT_TEXT =
            "INSERT INTO mx_wk_text (old_text, old_flags, old_page) VALUES (?, 'utf-8', ?)";
    private static final String INSERT_REVISION = "INSERT INTO mx_wk_revision (rev_page, rev_text_id, rev_comment,"
            + " rev_user, rev_user_text, rev_timestamp, rev_len) VALUES (?, ?, ?, ?, ?, current_timestamp, ?)";
    private static final String UPDATE_PAGE_BY_TITLE = "UPDATE mx_wk_page SET page_latest = ?,"
            + " page_touched = current_timestamp, page_len = ?, version = GREATEST(version, ?)"
            + " WHERE page_namespace = ? AND page_title = ?";
    private static final String UPDATE_PAGE_BY_ID = "UPDATE mx_wk_page SET page_latest = ?,"
            + " page_touched = current_timestamp, page_len = ?, version = GREATEST(version, ?) WHERE page_id = ?";
    private static final String UPDATE_USER = "UPDATE mx_wk_useracct SET user_editcount = user_editcount + 1,"
            + " user_touched = current_timestamp, version = GREATEST(version, ?) WHERE user_id = ?";
    private static final String WATCH = "INSERT INTO mx_wk_watchlist (wl_user, wl_namespace, wl_title)"
            + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

    /** The body of every edit: about 16 KB, the size of a page's text. */
    private static final String EDITED_TEXT = randomText(TEXT_LENGTH - 64);

    /** Weights per 1,000 operations. */
    enum Operation implements WeightedOperation {
        PAGE_VIEW_ANONYMOUS(780, false),
        PAGE_VIEW_LOGGED_IN(100, false),
        WATCHLIST(40, false),
        EDIT(70, true),
        ADD_TO_WATCHLIST(10, true);

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
        return "wiki";
    }

    @Override
    String title() {
        return "wiki page views and edits (Wikipedia-like)";
    }

    @Override
    List<Operation> operations() {
        return List.of(Operation.values());
    }

    /** Page {@code id}'s namespace: one page in five is a talk page. */
    static int namespaceOf(int page) {
        return page % 5 == 0 ? 1 : 0;
    }

    static String titleOf(int page) {
        return "Page_" + page;
    }

    /** Reloaded every time: edits add texts and revisions of 16 KB, and the load takes a few seconds. */
    @Override
    String prepare(Connection connection, double scale) throws SQLException {
        int pages = scaled(PAGES, scale);
        int users = scaled(USERS, scale);
        execute(connection,
                "DROP TABLE IF EXISTS mx_wk_watchlist, mx_wk_revision, mx_wk_text, mx_wk_page, mx_wk_useracct",
                "CREATE TABLE mx_wk_useracct (user_id SERIAL PRIMARY KEY, user_name VARCHAR(255) NOT NULL UNIQUE,"
                        + " user_real_name VARCHAR(255) NOT NULL, user_email VARCHAR(255) NOT NULL,"
                        + " user_editcount INT NOT NULL, user_touched TIMESTAMP NOT NULL, version BIGINT NOT NULL)",
                "CREATE TABLE mx_wk_page (page_id SERIAL PRIMARY KEY, page_namespace INT NOT NULL,"
                        + " page_title VARCHAR(255) NOT NULL, page_restrictions VARCHAR(255) NOT NULL,"
                        + " page_is_redirect BOOLEAN NOT NULL, page_latest INT NOT NULL,"
                        + " page_touched TIMESTAMP NOT NULL, page_len INT NOT NULL, version BIGINT NOT NULL,"
                        + " UNIQUE (page_namespace, page_title))",
                "CREATE TABLE mx_wk_text (old_id SERIAL PRIMARY KEY, old_text TEXT NOT NULL,"
                        + " old_flags VARCHAR(30) NOT NULL, old_page INT NOT NULL)",
                "CREATE TABLE mx_wk_revision (rev_id SERIAL PRIMARY KEY,"
                        + " rev_page INT NOT NULL REFERENCES mx_wk_page ON DELETE CASCADE,"
                        + " rev_text_id INT NOT NULL REFERENCES mx_wk_text ON DELETE CASCADE,"
                        + " rev_comment VARCHAR(255) NOT NULL,"
                        + " rev_user INT NOT NULL REFERENCES mx_wk_useracct ON DELETE CASCADE,"
                        + " rev_user_text VARCHAR(255) NOT NULL, rev_timestamp TIMESTAMP NOT NULL,"
                        + " rev_len INT NOT NULL)",
                "CREATE TABLE mx_wk_watchlist (wl_user INT NOT NULL REFERENCES mx_wk_useracct ON DELETE CASCADE,"
                        + " wl_namespace INT NOT NULL, wl_title VARCHAR(255) NOT NULL,"
                        + " wl_notificationtimestamp TIMESTAMP, PRIMARY KEY (wl_user, wl_namespace, wl_title))",
                "INSERT INTO mx_wk_useracct SELECT g, 'User' || g, 'User number ' || g, 'user' || g || '@example.org',"
                        + " 0, current_timestamp, 0 FROM generate_series(1, " + users + ") g",
                "INSERT INTO mx_wk_text SELECT g, repeat(md5(g::text), " + TEXT_LENGTH / 32 + "), 'utf-8', g"
                        + " FROM generate_series(1, " + pages + ") g",
                "INSERT INTO mx_wk_page SELECT g, CASE WHEN g % 5 = 0 THEN 1 ELSE 0 END, 'Page_' || g, '', false, g,"
                        + " current_timestamp, " + TEXT_LENGTH + ", 0 FROM generate_series(1, " + pages + ") g",
                "INSERT INTO mx_wk_revision SELECT g, g, g, 'created', (g - 1) % " + users + " + 1,"
                        + " 'User' || ((g - 1) % " + users + " + 1), current_timestamp, " + TEXT_LENGTH
                        + " FROM generate_series(1, " + pages + ") g",
                // Watched pages are skewed towards the popular ones, as page views are.
                "INSERT INTO mx_wk_watchlist (wl_user, wl_namespace, wl_title) SELECT u,"
                        + " CASE WHEN p % 5 = 0 THEN 1 ELSE 0 END, 'Page_' || p FROM (SELECT u, 1 + floor(" + pages
                        + " * power(random(), 3))::int AS p FROM generate_series(1, " + users + ") u,"
                        + " generate_series(1, " + WATCHED_PER_USER + ") n) c ON CONFLICT DO NOTHING",
                "SELECT setval(pg_get_serial_sequence('mx_wk_useracct', 'user_id'), " + users + ")",
                "SELECT setval(pg_get_serial_sequence('mx_wk_page', 'page_id'), " + pages + ")",
                "SELECT setval(pg_get_serial_sequence('mx_wk_text', 'old_id'), " + pages + ")",
                "SELECT setval(pg_get_serial_sequence('mx_wk_revision', 'rev_id'), " + pages + ")",
                "CREATE INDEX mx_wk_revision_page ON mx_wk_revision (rev_page, rev_id)",
                "VACUUM ANALYZE mx_wk_useracct",
                "VACUUM ANALYZE mx_wk_page",
                "VACUUM ANALYZE mx_wk_text",
                "VACUUM ANALYZE mx_wk_revision",
                "VACUUM ANALYZE mx_wk_watchlist");
        return "loaded " + pages + " pages of " + TEXT_LENGTH / 1024 + " KB, " + users + " users";
    }

    @Override
    Session open(Connection connection, MixSettings settings, DataSource reads, DataSource writes)
            throws SQLException {
        int pages = scaled(PAGES, settings.scale());
        int users = scaled(USERS, settings.scale());
        return new WikiSession(reads, writes, new ZipfKeys(pages, settings.zipfExponent()),
                new ZipfKeys(users, settings.zipfExponent()),
                VersionTickets.above(connection, "mx_wk_page", "mx_wk_useracct"));
    }

    private final class WikiSession implements Session {
        private final OperationMix<Operation> mix = new OperationMix<>(operations());
        private final DataSource reads;
        private final DataSource writes;
        private final ZipfKeys pages;
        private final ZipfKeys users;
        private final VersionTickets tickets;
        private final VersionLedger pageVersions = new VersionLedger("mx_wk_page");
        private final VersionLedger userVersions = new VersionLedger("mx_wk_useracct");

        WikiSession(DataSource reads, DataSource writes, ZipfKeys pages, ZipfKeys users, VersionTickets tickets) {
            this.reads = reads;
            this.writes = writes;
            this.pages = pages;
            this.users = users;
            this.tickets = tickets;
        }

        @Override
        public void perform(ReadCheck check) throws SQLException {
            switch (mix.next()) {
                case PAGE_VIEW_ANONYMOUS:
                    try (Connection connection = reads.getConnection()) {
                        pageView(check, connection, pages.next());
                    }
                    break;
                case PAGE_VIEW_LOGGED_IN:
                    try (Connection connection = reads.getConnection()) {
                        user(check, connection, users.next());
                        pageView(check, connection, pages.next());
                    }
                    break;
                case WATCHLIST:
                    watchlist(check, users.next());
                    break;
                case EDIT:
                    edit(pages.next(), users.next());
                    break;
                case ADD_TO_WATCHLIST:
                    watch(users.next(), pages.next());
                    break;
                default:
                    throw new IllegalStateException();
            }
        }

        private void pageView(ReadCheck check, Connection connection, int page) throws SQLException {
            check.beginRead();
            check.expect(pageVersions, page);
            try (PreparedStatement read = connection.prepareStatement(PAGE_VIEW)) {
                read.setInt(1, namespaceOf(page));
                read.setString(2, titleOf(page));
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("Page " + page + " is missing");
                    }
                    row.getInt(2);
                    row.getTimestamp(3);
                    row.getInt(4);
                    row.getInt(6);
                    row.getTimestamp(7);
                    row.getString(8);
                    row.getInt(9);
                    row.getString(10);
                    check.returned(pageVersions, row.getInt(1), row.getLong(5));
                }
            }
            check.endRead();
        }

        private void user(ReadCheck check, Connection connection, int user) throws SQLException {
            check.beginRead();
            check.expect(userVersions, user);
            try (PreparedStatement read = connection.prepareStatement(USER)) {
                read.setInt(1, user);
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("User " + user + " is missing");
                    }
                    row.getString(2);
                    row.getInt(3);
                    row.getTimestamp(4);
                    check.returned(userVersions, row.getInt(1), row.getLong(5));
                }
            }
            check.endRead();
        }

        private void watchlist(ReadCheck check, int user) throws SQLException {
            try (Connection connection = reads.getConnection();
                 PreparedStatement read = connection.prepareStatement(WATCHLIST)) {
                read.setInt(1, user);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        rows.getInt(1);
                        rows.getString(2);
                        rows.getTimestamp(3);
                    }
                }
            }
            check.unchecked();
        }

        /** One edit in one transaction; half of them find the page by namespace and title, half by id. */
        private void edit(int page, int user) throws SQLException {
            long version = tickets.next();
            String text = randomText(64) + EDITED_TEXT;
            try (Connection connection = writes.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    long textId;
                    try (PreparedStatement insert = connection.prepareStatement(INSERT_TEXT,
                            new String[] {"old_id"})) {
                        insert.setString(1, text);
                        insert.setInt(2, page);
                        textId = executeReturningKey(insert);
                    }
                    long revisionId;
                    try (PreparedStatement insert = connection.prepareStatement(INSERT_REVISION,
                            new String[] {"rev_id"})) {
                        insert.setInt(1, page);
                        insert.setLong(2, textId);
                        insert.setString(3, "edit " + version);
                        insert.setInt(4, user);
                        insert.setString(5, "User" + user);
                        insert.setInt(6, text.length());
                        revisionId = executeReturningKey(insert);
                    }
                    boolean byTitle = ThreadLocalRandom.current().nextBoolean();
                    try (PreparedStatement update = connection.prepareStatement(
                            byTitle ? UPDATE_PAGE_BY_TITLE : UPDATE_PAGE_BY_ID)) {
                        update.setLong(1, revisionId);
                        update.setInt(2, text.length());
                        update.setLong(3, version);
                        if (byTitle) {
                            update.setInt(4, namespaceOf(page));
                            update.setString(5, titleOf(page));
                        } else {
                            update.setInt(4, page);
                        }
                        update.executeUpdate();
                    }
                    try (PreparedStatement update = connection.prepareStatement(UPDATE_USER)) {
                        update.setLong(1, version);
                        update.setInt(2, user);
                        update.executeUpdate();
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            }
            pageVersions.committed(page, version);
            userVersions.committed(user, version);
        }

        private long executeReturningKey(PreparedStatement insert) throws SQLException {
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                if (!key.next()) {
                    throw new IllegalStateException("No generated key");
                }
                return key.getLong(1);
            }
        }

        private void watch(int user, int page) throws SQLException {
            try (Connection connection = writes.getConnection();
                 PreparedStatement insert = connection.prepareStatement(WATCH)) {
                insert.setInt(1, user);
                insert.setInt(2, namespaceOf(page));
                insert.setString(3, titleOf(page));
                insert.executeUpdate();
            }
        }
    }
}
