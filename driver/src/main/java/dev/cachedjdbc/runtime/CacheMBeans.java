package dev.cachedjdbc.runtime;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JMX MBeans of one runtime's caches: registered as caches are made, unregistered together when the runtime
 * closes. A cache made after that is not registered, so that none outlives its runtime.
 */
public final class CacheMBeans {

    private static final System.Logger LOG = System.getLogger(CacheMBeans.class.getName());
    /** The platform MBean server is one per JVM, shared by every runtime: ids keep the names apart. */
    private static final AtomicLong IDS = new AtomicLong();

    private final List<ObjectName> registered = new ArrayList<>();
    private boolean unregistered;

    synchronized void register(CacheHandle cache) {
        if (unregistered) {
            return;
        }
        try {
            ObjectName name = new ObjectName("dev.cachedjdbc:type=QueryCache,database="
                    + ObjectName.quote(cache.getDatabaseIdentity()) + ",user="
                    + ObjectName.quote(String.valueOf(cache.getUser())) + ",id=" + IDS.incrementAndGet());
            ManagementFactory.getPlatformMBeanServer().registerMBean(cache, name);
            registered.add(name);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not publish cache statistics over JMX; the cache works without them", e);
        }
    }

    synchronized void unregisterAll() {
        unregistered = true;
        for (ObjectName name : registered) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Could not unregister " + name + "; it may have been unregistered by hand", e);
            }
        }
        registered.clear();
    }
}
