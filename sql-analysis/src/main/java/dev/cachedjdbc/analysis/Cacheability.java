package dev.cachedjdbc.analysis;

/** Whether a statement's result may be reused, and if not, the reason a user is shown. */
public enum Cacheability {
    CACHEABLE("cacheable"),
    NOT_A_QUERY("the statement does not return a plain query result"),
    WRITES("the statement writes"),
    LOCKING_READ("the query takes row locks (FOR UPDATE / FOR SHARE)"),
    VOLATILE_FUNCTION("the query calls a function that is not known to be deterministic and free of side effects"),
    SYSTEM_CATALOG("the query reads system catalogs"),
    MULTIPLE_STATEMENTS("the text holds more than one statement"),
    UNANALYZABLE("the statement could not be analysed");

    private final String description;

    Cacheability(String description) {
        this.description = description;
    }

    public boolean isCacheable() {
        return this == CACHEABLE;
    }

    public String description() {
        return description;
    }
}
