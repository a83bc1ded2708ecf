/**
 * Where invalidations that do not come from this JVM enter: a database's {@link dev.cachedjdbc.coherence.ChangeFeed}
 * announces what this instance's writes changed and hears the other instances', in {@link
 * dev.cachedjdbc.coherence.ChangeMessage}s; what it hears goes to the database's {@code WriteInvalidator} through
 * {@link dev.cachedjdbc.coherence.ChangeListener}; the {@link dev.cachedjdbc.coherence.StalenessGuard} decides
 * whether hits may be served, from the feed's heartbeats. Nothing here knows a particular database: each feed is
 * implemented beside its database under {@code dev.cachedjdbc.vendor}.
 */
package dev.cachedjdbc.coherence;
