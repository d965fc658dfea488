package io.tickettriage.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code --name value} options, refusing unknown names and missing required ones with a clear message. */
final class CommandLine {

    private CommandLine() {
    }

    static Map<String, String> options(List<String> args, List<String> required, List<String> optional) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            }
            if (!required.contains(name) && !optional.contains(name)) {
                throw new IllegalArgumentException("unknown option: --" + name);
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            options.put(name, value);
        }
        for (String name : required) {
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("missing --" + name);
            }
        }
        return options;
    }
}
