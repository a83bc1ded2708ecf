package dev.cachedjdbc.result;

import java.time.Instant;
import java.time.ZoneId;
import java.util.TimeZone;

/**
 * The JVM's default time zone and the current instant, as the date and time conversions see them at the moment of a
 * read. pgjdbc makes its java.sql values in the JVM's zone of the moment they are read, and H2 puts a time of day on
 * the current date, so a cached result asks here on every such read rather than fixing either when it was loaded.
 * Tests pass another implementation to read in a zone and at an instant of their choosing.
 */
interface JvmClock {

    /** The JVM's zone and clock of the moment of each call. */
    JvmClock SYSTEM = new JvmClock() {
        @Override
        public TimeZone timeZone() {
            return TimeZone.getDefault();
        }

        @Override
        public Instant instant() {
            return Instant.now();
        }
    };

    /** The JVM's default zone now, as a copy the caller may keep (as {@link TimeZone#getDefault()} gives it). */
    TimeZone timeZone();

    /** The JVM's default zone now, as java.time names it (what {@link ZoneId#systemDefault()} gives). */
    default ZoneId zone() {
        return timeZone().toZoneId();
    }

    /** The current instant. */
    Instant instant();
}
