/**
 * Settings from the URL and connection properties: splitting a {@code jdbc:cached:} URL into the database's own URL
 * and the cache's properties, reading each property's value by its type and syntax (durations, sizes, table lists)
 * with errors that name the property and the accepted forms, and {@link dev.cachedjdbc.config.CacheSettings}, the
 * immutable result. Reads nothing but text; talks to no database.
 */
package dev.cachedjdbc.config;
