package io.tickettriage.cli;

import java.io.PrintStream;

import io.tickettriage.access.AccessProperties;
import io.tickettriage.access.AccessTokens;
import io.tickettriage.access.Role;
import io.tickettriage.system.ServiceProperties;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code token}: API tokens in the service's database (the same {@code DATABASE_URL}); the service need not be
 * stopped. Only the database is started.
 */
@Command(name = "token", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Manage API tokens in the service's database (DATABASE_URL).")
final class TokenCli {

    private final ToolContext tool;
    private final PrintStream out;

    TokenCli(ToolContext tool, PrintStream out) {
        this.tool = tool;
        this.out = out;
    }

    /** Application.yml's log level would win over a default property, so it is an argument. */
    private ConfigurableApplicationContext start() {
        return tool.startWithoutKnowledge("--logging.level.root=WARN");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token; the secret is printed once, only its hash is stored.")
    int create(@Option(names = "--role", required = true, paramLabel = "ROLE", converter = RoleConverter.class,
                    description = "requester, agent or admin") Role role,
            @Option(names = "--name", paramLabel = "NAME", description = "who or what uses it") @Nullable String name) {
        try (ConfigurableApplicationContext context = start()) {
            AccessTokens.IssuedToken issued = context.getBean(AccessTokens.class).createApiToken(name, role);
            out.println(issued.secret());
            System.err.println("Created token " + issued.id() + " for '" + issued.name() + "' with role "
                    + issued.role().value() + ". It is shown only this once; send it as "
                    + "'Authorization: Bearer <token>'.");
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens: id, name, role, use.")
    int list() {
        try (ConfigurableApplicationContext context = start()) {
            out.printf("%-6s %-24s %-10s %-25s %-25s %s%n", "id", "name", "role", "created", "last used", "revoked");
            for (AccessTokens.TokenInfo token : context.getBean(AccessTokens.class).apiTokens()) {
                out.printf("%-6d %-24s %-10s %-25s %-25s %s%n", token.id(), token.name(), token.role().value(),
                        token.createdAt(), token.lastUsedAt() == null ? "-" : token.lastUsedAt(),
                        token.revokedAt() == null ? "-" : token.revokedAt());
            }
        }
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token; exit code 1 when no live token has that id.")
    int revoke(@Parameters(paramLabel = "ID", description = "the token's id (see 'token list')") long id) {
        try (ConfigurableApplicationContext context = start()) {
            if (!context.getBean(AccessTokens.class).revoke(id)) {
                out.println("No live token with id " + id);
                return 1;
            }
        }
        out.println("Revoked token " + id);
        return 0;
    }

    @Command(name = "login-link", mixinStandardHelpOptions = true,
            description = "Print a new one-time dashboard login link.")
    int loginLink(@Option(names = "--role", paramLabel = "ROLE", defaultValue = "admin",
                    converter = RoleConverter.class,
                    description = "requester, agent or admin (default: ${DEFAULT-VALUE})") Role role,
            @Option(names = "--name", paramLabel = "NAME", description = "default: the role") @Nullable String name) {
        try (ConfigurableApplicationContext context = start()) {
            String code = context.getBean(AccessTokens.class).issueLoginCode(name == null ? role.value() : name,
                    role);
            String port = context.getEnvironment().getProperty("server.port", "8000");
            out.println(AccessProperties.loginLink(context.getBean(ServiceProperties.class), port, code));
        }
        return 0;
    }

    /** Roles by their names in the API ({@code requester}, {@code agent}, {@code admin}). */
    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Role.parse(value).orElseThrow(() -> new TypeConversionException(
                    "unknown role '" + value + "': use requester, agent or admin"));
        }
    }
}
