/**
 * H2: its {@link dev.cachedjdbc.vendor.h2.H2Support}, its identity (file path, in-memory name, or private to one
 * connection), and its catalog reader (relations, synonyms, foreign keys, triggers, views, and users' code: aliases,
 * also where they override built-ins, and SELECT triggers).
 */
package dev.cachedjdbc.vendor.h2;
