package org.slsconnect.emulator.sls;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -jar sls-emulator.jar --port 18080 --access-key-id ID --access-key-secret SECRET}.
 * Prints one "listening" line when ready and runs until killed.
 */
public final class Main {
    static final String USAGE = """
            Usage: java -jar sls-emulator.jar [options]
              --port PORT                     TCP port (default 18080; 0 picks a free one)
              --bind ADDRESS                  address to listen on (default 127.0.0.1)
              --access-key-id ID              AccessKeyId clients sign with (with --access-key-secret)
              --access-key-secret SECRET
              --key ID:SECRET                 another AccessKey (repeatable)
              --endpoint DOMAIN               fake endpoint clients use (default sls.test)
              --project NAME                  pre-create a project (repeatable)
              --logstore [PROJECT/]NAME:SHARDS[:TTL_DAYS]
                                              pre-create a logstore (repeatable; PROJECT defaults
                                              to the last --project)
              --default-project NAME          project for requests whose Host names none
              --auto-create-projects          create projects on first use
              --expired-cursor MODE           invalid-cursor (default) | read-from-begin
              --max-pull-bytes N              raw byte cap per pull response (default 10485760)
              --no-verify-signatures          check only that the AccessKeyId is known
              --log-level LEVEL               trace | debug | info (default) | warn | error
              --help
            With no AccessKey given, every key is accepted and signatures are not checked.
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        SlsEmulator emu;
        try {
            emu = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (emu == null) {
            return; // --help
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emu.close();
            stopped.countDown();
        }, "sls-emulator-shutdown"));
        stopped.await();
    }

    /** Parses args, starts the emulator and prints the ready line; null for --help. */
    static SlsEmulator start(String[] args, PrintStream out) {
        SlsEmulator.Builder b = SlsEmulator.builder().port(18080);
        String akId = null;
        String akSecret = null;
        String lastProject = null;
        String logLevel = "info";
        List<String[]> logstores = new ArrayList<>();
        String endpoint = "sls.test";
        String bind = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return null;
                }
                case "--port" -> b.port(intValue(a, value(args, ++i, a)));
                case "--bind" -> {
                    bind = value(args, ++i, a);
                    b.bindAddress(bind);
                }
                case "--access-key-id" -> akId = value(args, ++i, a);
                case "--access-key-secret" -> akSecret = value(args, ++i, a);
                case "--key" -> {
                    String v = value(args, ++i, a);
                    int colon = v.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("--key expects ID:SECRET, got " + v);
                    }
                    b.accessKey(v.substring(0, colon), v.substring(colon + 1));
                }
                case "--endpoint" -> {
                    endpoint = value(args, ++i, a);
                    b.endpoint(endpoint);
                }
                case "--project" -> {
                    lastProject = value(args, ++i, a);
                    b.project(lastProject);
                }
                case "--logstore" -> logstores.add(new String[]{value(args, ++i, a), lastProject});
                case "--default-project" -> b.defaultProject(value(args, ++i, a));
                case "--auto-create-projects" -> b.autoCreateProjects(true);
                case "--expired-cursor" -> b.expiredCursorBehavior(
                        ExpiredCursorBehavior.valueOf(value(args, ++i, a).toUpperCase(Locale.ROOT).replace('-', '_')));
                case "--max-pull-bytes" -> b.maxPullBytes(Long.parseLong(value(args, ++i, a)));
                case "--no-verify-signatures" -> b.verifySignatures(false);
                case "--log-level" -> logLevel = value(args, ++i, a).toLowerCase(Locale.ROOT);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if ((akId == null) != (akSecret == null)) {
            throw new IllegalArgumentException("--access-key-id and --access-key-secret go together");
        }
        if (akId != null) {
            b.accessKey(akId, akSecret);
        }
        for (String[] spec : logstores) {
            addLogstore(b, spec[0], spec[1]);
        }
        // Must happen before the first logger is created.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", logLevel);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        SlsEmulator emu = b.build().start();
        if (akId == null && !hasKeys(args)) {
            System.err.println("warning: no AccessKey given: every key is accepted and signatures are not checked");
        }
        out.println("SLS emulator listening on " + bind + ":" + emu.port()
                + " (proxy mode: point the SDK's proxy at it, endpoint " + endpoint + ")");
        out.flush();
        return emu;
    }

    private static boolean hasKeys(String[] args) {
        for (String a : args) {
            if (a.equals("--key")) {
                return true;
            }
        }
        return false;
    }

    private static void addLogstore(SlsEmulator.Builder b, String spec, String defaultProject) {
        String project = defaultProject;
        String rest = spec;
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            project = spec.substring(0, slash);
            rest = spec.substring(slash + 1);
        }
        if (project == null) {
            throw new IllegalArgumentException("--logstore " + spec + ": give PROJECT/NAME:SHARDS or a --project before it");
        }
        String[] parts = rest.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("--logstore expects [PROJECT/]NAME:SHARDS[:TTL_DAYS], got " + spec);
        }
        int shards = intValue("--logstore", parts[1]);
        int ttl = parts.length == 3 ? intValue("--logstore", parts[2]) : 30;
        b.logstore(project, parts[0], shards, ttl);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String option, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got " + v);
        }
    }
}
