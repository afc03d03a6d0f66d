package nl.iwa.hub.ops.options;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The one parser of the local stack's and the benchmark's {@code --name value} command lines: picocli fills an
 * annotated options class, and every mistake becomes an IllegalArgumentException whose message names the option
 * ("--rate must be a number, not 'fast'", "unknown option --colour"), for the caller to print above the usage.
 */
public final class CommandLineOptions {

    private CommandLineOptions() {
    }

    /** Fills {@code options} (a class with picocli {@code @Option} fields) from {@code args} and returns it. */
    public static <T> T parse(T options, String... args) {
        CommandLine commandLine = new CommandLine(options)
                .setOverwrittenOptionsAllowed(true) // the last of a repeated option counts, as it did
                .setExpandAtFiles(false); // "@file" is a value like any other, not a file of arguments
        try {
            commandLine.parseArgs(args);
            return options;
        } catch (CommandLine.MissingParameterException e) {
            // the option whose value is missing: the last argument, or followed by another option
            throw new IllegalArgumentException(name(e.getMissing().isEmpty() ? null : e.getMissing().get(0), e) + " needs a value");
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new IllegalArgumentException(unmatched(e.getUnmatched()));
        } catch (ParameterException e) {
            if (e.getCause() instanceof TypeConversionException invalid) {
                throw new IllegalArgumentException(name(e.getArgSpec(), e) + " " + invalid.getMessage());
            }
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static String name(ArgSpec spec, ParameterException e) {
        if (spec instanceof OptionSpec option) {
            return option.longestName();
        }
        throw new IllegalArgumentException(e.getMessage());
    }

    private static String unmatched(List<String> arguments) {
        String first = arguments.isEmpty() ? "?" : arguments.get(0);
        return first.startsWith("-") ? "unknown option " + first : "unexpected argument '" + first + "'";
    }

    /** {@code value}, if it lies in [min, max]; the message names the option otherwise. */
    public static int between(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** Refuses two equal ports; {@code why} says which ports the options imply (the broker's controller next to it). */
    public static void requireDistinct(int[] ports, String why) {
        for (int i = 0; i < ports.length; i++) {
            for (int j = i + 1; j < ports.length; j++) {
                if (ports[i] == ports[j]) {
                    throw new IllegalArgumentException("port " + ports[i] + " is given twice (" + why + ")");
                }
            }
        }
    }

    /**
     * The ports of {@code count} servers of one kind from {@code first} on: {@code first}, then each next port that no
     * other option took ({@code taken}), e.g. 8080, 8082, 8083 beside a registry on 8081.
     */
    public static int[] portsFrom(int first, int count, int... taken) {
        int[] ports = new int[count];
        int port = first;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                port++;
                while (contains(taken, port)) {
                    port++;
                }
            }
            if (port > 65535) {
                throw new IllegalArgumentException("no port above 65535: choose a lower first port");
            }
            ports[i] = port;
        }
        return ports;
    }

    private static boolean contains(int[] ports, int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    /** A part of an option's value that must be an integer (one of a list), the message naming the option. */
    public static int wholeNumber(String option, String value) {
        try {
            return new WholeNumber().convert(value);
        } catch (TypeConversionException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage());
        }
    }

    /** An integer; its range is the option's to check ({@link #between}). */
    public static final class WholeNumber implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parsed(value, Integer::parseInt, "a whole number");
        }
    }

    /** A count that may be written with thousands separators: 1,000,000 or 1_000_000. */
    public static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return new WholeNumber().convert(value.replace(",", "").replace("_", ""));
        }
    }

    /** A TCP port a listener can take. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port = parsed(value, Integer::parseInt, "a port number");
            if (port < 1 || port > 65534) {
                throw new TypeConversionException("must be a port number, not " + value);
            }
            return port;
        }
    }

    /** A number above 0, fractions allowed (a rate, a speed-up). */
    public static final class PositiveNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = parsed(value, Double::parseDouble, "a number");
            if (!(d > 0)) {
                throw new TypeConversionException("must be above 0, not " + value);
            }
            return d;
        }
    }

    /**
     * One of an enum's constants, written as its name in lower case (in any case on the command line): the value of
     * an option that names a choice, such as {@code --residents distinct}.
     */
    public static <E extends Enum<E>> E choice(Class<E> choices, String value) {
        List<String> names = new java.util.ArrayList<>();
        for (E e : choices.getEnumConstants()) {
            String name = idOf(e);
            if (name.equalsIgnoreCase(value.trim())) {
                return e;
            }
            names.add(name);
        }
        String last = names.remove(names.size() - 1);
        String all = names.isEmpty() ? last : String.join(", ", names) + " or " + last;
        throw new TypeConversionException("must be " + all + ", not '" + value + "'");
    }

    /** How a choice ({@link #choice}) is written: its name in lower case. */
    public static String idOf(Enum<?> choice) {
        return choice.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static <N> N parsed(String value, Function<String, N> parse, String what) {
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be " + what + ", not '" + value + "'");
        }
    }
}
