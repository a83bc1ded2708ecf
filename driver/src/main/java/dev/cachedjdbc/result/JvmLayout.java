package dev.cachedjdbc.result;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * How the running JVM lays out objects, as far as the size estimates depend on it: the width of a reference and
 * whether strings of Latin-1 text take one byte a character. Read once from HotSpot's diagnostic MXBean; where it
 * cannot be read (another JVM, a security manager), the wider layout is assumed, so that estimates err on the high
 * side rather than let the cache outgrow its bound.
 */
final class JvmLayout {

    private static final System.Logger LOG = System.getLogger(JvmLayout.class.getName());

    /** Bytes of a reference: 4 under compressed references (HotSpot's default below 32 GB of heap), else 8. */
    static final int REFERENCE_BYTES = flag("UseCompressedOops") ? 4 : 8;
    /** Whether a string whose characters are all below 256 keeps one byte a character (HotSpot's default). */
    static final boolean COMPACT_STRINGS = flag("CompactStrings");

    private JvmLayout() {
    }

    /** The boolean VM option's value; false when it cannot be read. */
    private static boolean flag(String name) {
        try {
            Object option = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "getVMOption",
                    new Object[] {name}, new String[] {String.class.getName()});
            return option instanceof CompositeData data && "true".equals(data.get("value"));
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "Could not read the VM option " + name
                    + "; size estimates assume the wider layout", e);
            return false;
        }
    }
}
