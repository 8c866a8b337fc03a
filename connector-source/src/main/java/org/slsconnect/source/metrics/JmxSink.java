package org.slsconnect.source.metrics;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.utils.Sanitizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges as MBeans of our own, for workers without plugin metrics (Kafka Connect 3.3 to 4.0). The names are the
 * ones Connect's JmxReporter gives plugin metrics on 4.1+ ({@code kafka.connect:type=plugins,connector=..,task=..}
 * then the metric's tags in order), one bean per tag set with one read-only attribute per metric, so a dashboard
 * built on one version works on the others.
 */
final class JmxSink implements TaskMetrics.Sink {

    private static final Logger log = LoggerFactory.getLogger(JmxSink.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String connector;
    private final String task;
    private final Map<ObjectName, GaugeBean> beans = new LinkedHashMap<>();

    JmxSink(String connector, String task) {
        this.connector = connector;
        this.task = task;
    }

    @Override
    public synchronized void gauge(String name, String description, LinkedHashMap<String, String> tags, Supplier<Long> value) {
        ObjectName objectName = objectName(tags);
        GaugeBean bean = beans.get(objectName);
        if (bean == null) {
            bean = new GaugeBean();
            beans.put(objectName, bean);
        } else {
            unregister(objectName);   // the attribute list changes: register the bean again below
        }
        bean.attributes.put(name, new GaugeAttribute(description, value));
        register(objectName, bean);
    }

    @Override
    public synchronized void close() {
        for (ObjectName name : beans.keySet()) unregister(name);
        beans.clear();
    }

    ObjectName objectName(LinkedHashMap<String, String> tags) {
        StringBuilder name = new StringBuilder("kafka.connect:type=plugins");
        name.append(",connector=").append(Sanitizer.jmxSanitize(connector));
        name.append(",task=").append(Sanitizer.jmxSanitize(task));
        tags.forEach((k, v) -> name.append(',').append(k).append('=').append(Sanitizer.jmxSanitize(v)));
        try {
            return new ObjectName(name.toString());
        } catch (JMException e) {
            throw new IllegalArgumentException("Not a valid JMX name: " + name, e);
        }
    }

    private void register(ObjectName name, GaugeBean bean) {
        try {
            server.registerMBean(bean, name);
        } catch (InstanceAlreadyExistsException e) {
            // Left by an earlier instance of this task in the same worker that did not stop cleanly: replace it.
            unregister(name);
            try {
                server.registerMBean(bean, name);
            } catch (JMException again) {
                log.warn("JMX bean {} not registered: {}", name, again.toString());
            }
        } catch (JMException e) {
            log.warn("JMX bean {} not registered: {}", name, e.toString());
        }
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException ignored) {
            // already gone
        } catch (JMException e) {
            log.warn("JMX bean {} not unregistered: {}", name, e.toString());
        }
    }

    private static final class GaugeAttribute {
        final String description;
        final Supplier<Long> value;

        GaugeAttribute(String description, Supplier<Long> value) {
            this.description = description;
            this.value = value;
        }
    }

    /** Read-only bean: one Long attribute per gauge. */
    private static final class GaugeBean implements DynamicMBean {
        final Map<String, GaugeAttribute> attributes = new ConcurrentHashMap<>();

        @Override
        public Object getAttribute(String name) throws AttributeNotFoundException {
            GaugeAttribute a = attributes.get(name);
            if (a == null) throw new AttributeNotFoundException(name);
            return a.value.get();
        }

        @Override
        public AttributeList getAttributes(String[] names) {
            AttributeList list = new AttributeList();
            for (String name : names) {
                GaugeAttribute a = attributes.get(name);
                if (a != null) list.add(new Attribute(name, a.value.get()));
            }
            return list;
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException("SLS connector metrics are read-only");
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            return new AttributeList();
        }

        @Override
        public Object invoke(String action, Object[] params, String[] signature) {
            throw new UnsupportedOperationException("SLS connector metrics have no operations");
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            List<MBeanAttributeInfo> infos = new ArrayList<>();
            attributes.forEach((name, a) -> infos.add(
                new MBeanAttributeInfo(name, Long.class.getName(), a.description, true, false, false)));
            return new MBeanInfo(GaugeBean.class.getName(), "SLS source connector metrics", infos.toArray(new MBeanAttributeInfo[0]),
                null, null, null);
        }
    }
}
