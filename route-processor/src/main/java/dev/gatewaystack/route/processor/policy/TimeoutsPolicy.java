package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.Timeouts;
import dev.gatewaystack.route.model.NginxValues;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.TimeoutSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

/** {@code @Timeouts}: proxy connect/read/send timeouts; an empty value means the gateway default (null). */
final class TimeoutsPolicy implements Policy<TimeoutSpec> {
    private static final long MAX_CONNECT_MILLIS = 75_000;

    @Override
    public Class<Timeouts> annotation() {
        return Timeouts.class;
    }

    @Override
    public TimeoutSpec read(AnnotationValues t) {
        return new TimeoutSpec(emptyToNull(t.string("connect")), emptyToNull(t.string("read")),
                emptyToNull(t.string("send")));
    }

    @Override
    public void apply(TimeoutSpec spec, RouteSpec.Builder route) {
        route.timeouts(spec);
    }

    @Override
    public void check(Declared<TimeoutSpec> declared, String service, Problems problems) {
        TimeoutSpec t = declared.spec();
        for (String[] v : new String[][] {{"connect", t.connect()}, {"read", t.read()}, {"send", t.send()}}) {
            if (v[1] != null) {
                declared.value(problems, service, v[0], v[1], NginxValues::checkDuration, "@Timeouts(" + v[0] + ")");
            }
        }
        String connect = t.connect();
        if (connect != null && NginxValues.checkDuration(connect).isEmpty()
                && NginxValues.durationMillis(connect) > MAX_CONNECT_MILLIS) {
            declared.error(problems, service, "connect", "@Timeouts(connect = \"" + connect
                    + "\") is longer than 75s, the most nginx allows for connecting; use \"75s\" or less");
        }
    }

    static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
