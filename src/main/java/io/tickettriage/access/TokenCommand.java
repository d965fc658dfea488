package io.tickettriage.access;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The {@code token} command of the jar: manages API tokens in the database the service uses (the same
 * {@code DATABASE_URL}), without starting the web server.
 */
public final class TokenCommand {

    public static final String USAGE = """
            Usage:
              java -jar ticket-triage.jar token create --role requester|agent|admin [--name NAME]
              java -jar ticket-triage.jar token list
              java -jar ticket-triage.jar token revoke ID
              java -jar ticket-triage.jar token login-link [--name NAME] [--role ROLE]   (default: admin)
            """;

    private TokenCommand() {
    }

    /** A parsed command line; checked before anything starts, so that a typo costs no start-up. */
    public record Request(String action, Map<String, String> options) {
    }

    public static Request parse(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("missing action: create, list, revoke or login-link");
        }
        String action = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        return switch (action) {
            case "create" -> new Request(action, role(options(rest, List.of("role", "name")), true));
            case "login-link" -> new Request(action, role(options(rest, List.of("role", "name")), false));
            case "list" -> new Request(action, options(rest, List.of()));
            case "revoke" -> {
                if (rest.size() != 1 || !rest.getFirst().matches("\\d{1,18}")) {
                    throw new IllegalArgumentException("revoke needs the token's id (see 'token list')");
                }
                yield new Request(action, Map.of("id", rest.getFirst()));
            }
            default -> throw new IllegalArgumentException("unknown action: " + action);
        };
    }

    public static int run(Request request, AccessTokens tokens, AccessProperties properties, String port,
            PrintStream out) {
        Map<String, String> options = request.options();
        switch (request.action()) {
            case "create" -> {
                AccessTokens.IssuedToken issued = tokens.createApiToken(options.get("name"),
                        Role.parse(options.get("role")).orElseThrow());
                out.println(issued.secret());
                System.err.println("Created token " + issued.id() + " for '" + issued.name() + "' with role "
                        + issued.role().value() + ". It is shown only this once; send it as "
                        + "'Authorization: Bearer <token>'.");
            }
            case "list" -> {
                out.printf("%-6s %-24s %-10s %-25s %-25s %s%n", "id", "name", "role", "created", "last used",
                        "revoked");
                for (AccessTokens.TokenInfo token : tokens.apiTokens()) {
                    out.printf("%-6d %-24s %-10s %-25s %-25s %s%n", token.id(), token.name(), token.role().value(),
                            token.createdAt(), token.lastUsedAt() == null ? "-" : token.lastUsedAt(),
                            token.revokedAt() == null ? "-" : token.revokedAt());
                }
            }
            case "revoke" -> {
                long id = Long.parseLong(options.get("id"));
                if (!tokens.revoke(id)) {
                    out.println("No live token with id " + id);
                    return 1;
                }
                out.println("Revoked token " + id);
            }
            case "login-link" -> {
                Role role = options.containsKey("role") ? Role.parse(options.get("role")).orElseThrow() : Role.ADMIN;
                String code = tokens.issueLoginCode(options.getOrDefault("name", role.value()), role);
                out.println(FirstStart.loginLink(properties, port, code));
            }
            default -> throw new IllegalStateException(request.action());
        }
        return 0;
    }

    private static Map<String, String> role(Map<String, String> options, boolean required) {
        String role = options.get("role");
        if (role == null && required) {
            throw new IllegalArgumentException("missing --role: requester, agent or admin");
        }
        if (role != null && Role.parse(role).isEmpty()) {
            throw new IllegalArgumentException("unknown role '" + role + "': use requester, agent or admin");
        }
        return options;
    }

    private static Map<String, String> options(List<String> args, List<String> allowed) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name == null || !allowed.contains(name)) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            options.put(name, args.get(++i));
        }
        return options;
    }
}
