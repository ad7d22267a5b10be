package dev.sigil.fleet.config.fleet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Discord webhook URL, validated when it is loaded from its {@link Secret}: it must parse as an absolute
 * {@code https} URI with a host; plain {@code http} is accepted only for {@code localhost}, {@code 127.0.0.1} and
 * {@code ::1}, where a local fake listens. The URL holds the webhook's token, so nothing here ever shows it:
 * {@link #redacted()} and {@link #toString()} hide the token, and every error names where the URL came from (the
 * environment variable or the file) and what is wrong ("illegal character in path at index 57"), never the URL.
 */
public final class WebhookUrl {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Pattern DISCORD_PATH = Pattern.compile("(.*/webhooks/[^/]+/)([^/?#]+)(.*)");

    private final URI uri;
    private final String source;

    private WebhookUrl(URI uri, String source) {
        this.uri = uri;
        this.source = source;
    }

    /**
     * The URL the secret holds, validated; empty when the secret holds none (the variable is unset or empty).
     *
     * @throws Secret.SecretException when the URL is malformed, or the secret's file is unsafe or unreadable
     */
    public static Optional<WebhookUrl> load(Secret secret) {
        return secret.reveal().map(text -> parse(text, secret.source()));
    }

    /**
     * Validates {@code text} as a webhook URL that came from {@code source} (e.g. "env SIGIL_DISCORD_WEBHOOK_URL").
     *
     * @throws Secret.SecretException naming the source and the problem, never the URL
     */
    public static WebhookUrl parse(String text, String source) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw invalid(source, lowerFirst(e.getReason()) + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw invalid(source, "it is not an absolute URL (it must start with https://)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid(source, "its scheme is not https (it must start with https://)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(source, "it has no valid host name");
        }
        if (scheme.equals("http") && !LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw invalid(source, "it uses plain http: https is required (http only for localhost and 127.0.0.1)");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(source, "it carries a user name or password before the host");
        }
        return new WebhookUrl(uri, source);
    }

    private static Secret.SecretException invalid(String source, String problem) {
        return new Secret.SecretException("the Discord webhook URL from " + source + " is invalid: " + problem
                + " (the URL is not shown: it holds the webhook token)");
    }

    private static String lowerFirst(String text) {
        return text == null || text.isEmpty() ? "it does not parse" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** The URL to post to. It holds the token: never log or print it; use {@link #redacted()}. */
    public URI uri() {
        return uri;
    }

    /** Where the URL came from, safe to print: {@code env NAME} or {@code file PATH}. */
    public String source() {
        return source;
    }

    /**
     * The URL with its secret parts hidden, safe to log: {@code https://discord.com/api/webhooks/123/***} for a Discord
     * webhook path (id kept, token, query and fragment dropped), else only scheme, host and port: {@code https://host/***}.
     */
    public String redacted() {
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        Matcher discord = DISCORD_PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        return origin + (discord.matches() ? discord.group(1) + "***" : "/***");
    }

    /** {@code text} with this URL, and its token on its own, replaced by the redacted form (for error text from libraries). */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text.replace(uri.toString(), redacted());
        Matcher discord = DISCORD_PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (discord.matches() && discord.group(2).length() >= 8) {
            scrubbed = scrubbed.replace(discord.group(2), "***");
        }
        return scrubbed;
    }

    @Override
    public String toString() {
        return "WebhookUrl[" + redacted() + " from " + source + "]";
    }
}
