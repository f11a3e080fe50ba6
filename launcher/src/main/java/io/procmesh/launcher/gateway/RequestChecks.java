package io.procmesh.launcher.gateway;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the gateway refuses before routing, against a hostile web page in the user's browser (docs/gateway.md,
 * "Request checks"). Each is a JSON error, never a stack trace:
 * <ul>
 * <li>421 for a {@code Host} naming a host not allowed: a page whose own name a DNS rebinding points at 127.0.0.1
 * is same-origin with the gateway to the browser, and would read every answer, but it sends its own name.</li>
 * <li>415 for a POST, PUT or PATCH whose {@code Content-Type} is not JSON, with or without a body: a page may send
 * a cross-site form (form, multipart or plain text) without asking first, never JSON.</li>
 * <li>403 for a POST, PUT, PATCH or DELETE whose {@code Origin} is another origin than the gateway's own (or
 * {@code null}): browsers name the page's origin on every such request.</li>
 * </ul>
 * Clients that are not browsers send no {@code Origin} and their own Host, so they pass. Nothing is allocated for a
 * request that passes.
 */
final class RequestChecks
{
    /**
     * Loopback names, always allowed: {@link java.net.URI}-style, so IPv6 in brackets.
     */
    static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]", "::1");
    /**
     * On every answer: no MIME sniffing of a JSON body into HTML, no framing, no referrer, no content of any kind
     * loaded if a browser renders one.
     */
    static final List<HttpField> SECURE_HEADERS = List.of(
        new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
        new PreEncodedHttpField("X-Frame-Options", "DENY"),
        new PreEncodedHttpField("Referrer-Policy", "no-referrer"),
        new PreEncodedHttpField("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"));
    private static final String HTTP = "http://";
    private static final int ECHOED_CHARS = 64;

    private final String[] allowedHosts;
    private final String[] allowedOrigins;

    /**
     * @param extraHosts   allowed besides the loopback names (and the bound host, if the gateway binds one): a
     *                     name or address, without port; {@code *} allows any.
     * @param origins      origins allowed besides the gateway's own, exactly as a browser sends them, e.g.
     *                     {@code http://localhost:3000}.
     */
    RequestChecks(final String boundHost, final Set<String> extraHosts, final Set<String> origins)
    {
        final Set<String> hosts = new LinkedHashSet<>(LOOPBACK_HOSTS);
        if (!isWildcard(boundHost))
        {
            hosts.add(boundHost.contains(":") && !boundHost.startsWith("[") ? "[" + boundHost + "]" : boundHost);
        }
        hosts.addAll(extraHosts);
        this.allowedHosts = hosts.contains("*") ? null : hosts.toArray(String[]::new);
        this.allowedOrigins = origins.toArray(String[]::new);
    }

    /**
     * @return why the request is refused, or null if it passes.
     */
    GatewayError refusal(final Request request)
    {
        final String host = request.getHttpURI().getHost();
        if (allowedHosts != null && host != null && !anyEqualsIgnoreCase(allowedHosts, host))
        {
            return GatewayError.of(421, "MISDIRECTED_REQUEST", "this gateway does not serve host '" + GatewayError.echoed(host, ECHOED_CHARS) +
                "'; allowed: the loopback names and procmesh.gateway.allowedHosts");
        }
        final String method = request.getMethod();
        final boolean bodyMethod = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
        if (!bodyMethod && !"DELETE".equals(method))
        {
            return null;
        }
        final HttpFields headers = request.getHeaders();
        if (bodyMethod)
        {
            final String contentType = headers.get(HttpHeader.CONTENT_TYPE);
            if (!JsonBodyReader.isJson(contentType))
            {
                return GatewayError.unsupportedMediaType(contentType);
            }
        }
        final String origin = headers.get(HttpHeader.ORIGIN);
        if (origin != null && !isOwnOrigin(origin, headers.get(HttpHeader.HOST)) &&
            !anyEqualsIgnoreCase(allowedOrigins, origin))
        {
            return GatewayError.of(403, "FORBIDDEN", "cross-origin " + method + " from '" + GatewayError.echoed(origin, ECHOED_CHARS) +
                "' refused: only the gateway's own origin and procmesh.gateway.allowedOrigins may change state");
        }
        return null;
    }

    /**
     * The origin a page served by this gateway would send: {@code http://} and the Host header as sent.
     */
    private static boolean isOwnOrigin(final String origin, final String hostHeader)
    {
        return hostHeader != null && origin.length() == HTTP.length() + hostHeader.length() &&
            origin.regionMatches(true, 0, HTTP, 0, HTTP.length()) &&
            origin.regionMatches(true, HTTP.length(), hostHeader, 0, hostHeader.length());
    }

    private static boolean anyEqualsIgnoreCase(final String[] candidates, final String value)
    {
        for (final String candidate : candidates)
        {
            if (candidate.equalsIgnoreCase(value))
            {
                return true;
            }
        }
        return false;
    }

    static boolean isWildcard(final String host)
    {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("*");
    }
}
