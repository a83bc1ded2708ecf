package dev.cachedjdbc.result;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The shape of each statement's results as captured last, by statement text, so that the next capture of the
 * statement shares it rather than keeping a copy of the metadata per entry. Only a miss asks here, never a hit.
 *
 * <p>Bounded in number and holding its shapes weakly: a shape that no cached result holds any more is let go, so what
 * this keeps beyond the entries is a small map, and every shape it hands out is held by an entry whose estimate
 * counted it (see {@link ResultCapture}). Two texts never share a shape: each is compared only with its own.
 */
public final class ResultShapes {

    private final Cache<String, ResultShape> byStatement;

    /** @param maxStatements the most statement texts whose shape is remembered at once */
    public ResultShapes(int maxStatements) {
        this.byStatement = Caffeine.newBuilder()
                .maximumSize(maxStatements)
                .weakValues()
                .executor(Runnable::run)
                .build();
    }

    /** The shape the statement's results had last, or null when none is held. */
    ResultShape last(String statement) {
        return byStatement.getIfPresent(statement);
    }

    /** Remembers the shape of a result of the statement just captured. */
    void remember(String statement, ResultShape shape) {
        byStatement.put(statement, shape);
    }
}
