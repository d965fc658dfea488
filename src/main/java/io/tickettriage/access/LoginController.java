package io.tickettriage.access;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.system.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Dashboard logins: a one-time link, or an API token pasted on the login page; and logout. */
@Controller
@Tag(name = "Access")
class LoginController {

    private final AccessTokens tokens;
    private final AccessProperties properties;

    LoginController(AccessTokens tokens, AccessProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    record WhoAmI(String name, String role, String auth) {
    }

    record TokenLogin(@Nullable String token) {
    }

    /** The link printed at first start (or by {@code token login-link}): spends the code, opens a session. */
    @GetMapping("/login")
    @Operation(summary = "Log in to the dashboard with a one-time link, or show the login page")
    String login(@RequestParam(required = false) @Nullable String code, HttpServletRequest request,
            HttpServletResponse response) {
        if (code == null || code.isBlank()) {
            return "forward:/index.html";
        }
        return tokens.redeemLoginCode(code.strip())
                .map(session -> {
                    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
                    response.addHeader(HttpHeaders.SET_COOKIE, cookie(session.secret(), request,
                            properties.sessionValidity()).toString());
                    return "redirect:/";
                })
                .orElse("redirect:/login?error=link");
    }

    @PostMapping("/auth/session")
    @ResponseBody
    @Operation(summary = "Log in to the dashboard with an API token; the answer sets the session cookie")
    ResponseEntity<WhoAmI> session(@RequestBody TokenLogin login, HttpServletRequest request,
            HttpServletResponse response) {
        AccessTokens.Session session = login.token() == null ? null
                : tokens.sessionFor(login.token().strip()).orElse(null);
        if (session == null) {
            throw new UnauthorizedException("This token is unknown, revoked or mistyped");
        }
        // Added to the response, not set as the answer's header: that would replace the XSRF-TOKEN cookie already
        // added, and a client's first change after logging in would be refused for want of it.
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(session.secret(), request, properties.sessionValidity())
                .toString());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(whoAmI(session.caller()));
    }

    @GetMapping("/auth/me")
    @ResponseBody
    @Operation(summary = "Who the current token or session belongs to, and its role")
    WhoAmI me() {
        return whoAmI(Caller.required());
    }

    @PostMapping("/auth/logout")
    @Operation(summary = "End the dashboard session")
    ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
        String secret = CallerCredentials.sessionCookie(request);
        if (secret != null) {
            tokens.endSession(secret);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", request, Duration.ZERO).toString());
        return ResponseEntity.noContent().build();
    }

    private WhoAmI whoAmI(Caller caller) {
        return new WhoAmI(caller.name(), caller.role().value(), properties.auth().name().toLowerCase());
    }

    private static ResponseCookie cookie(String value, HttpServletRequest request, Duration maxAge) {
        return ResponseCookie.from(CallerCredentials.SESSION_COOKIE, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
