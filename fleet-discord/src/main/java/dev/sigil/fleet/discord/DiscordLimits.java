package dev.sigil.fleet.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Discord's documented message limits (content 2000, 10 embeds, title 256, description 4096, 25 fields, field name 256
 * and value 1024, footer 2048, author name 256, all embeds together 6000). {@link #fit} truncates a message with an
 * ellipsis so that it never earns a 400; {@link #violations} says what a received payload breaks (the fake server's
 * check). Lengths are counted in UTF-16 units, which is never less than what Discord counts.
 */
public final class DiscordLimits {

    public static final int CONTENT = 2000;
    public static final int EMBEDS = 10;
    public static final int TITLE = 256;
    public static final int DESCRIPTION = 4096;
    public static final int FIELDS = 25;
    public static final int FIELD_NAME = 256;
    public static final int FIELD_VALUE = 1024;
    public static final int FOOTER = 2048;
    public static final int AUTHOR_NAME = 256;
    public static final int TOTAL = 6000;
    public static final int USERNAME = 80;
    private static final String ELLIPSIS = "…";

    private DiscordLimits() {
    }

    public static DiscordMessage fit(DiscordMessage message) {
        List<DiscordMessage.Embed> embeds = new ArrayList<>();
        for (DiscordMessage.Embed embed : message.embeds().subList(0, Math.min(EMBEDS, message.embeds().size()))) {
            List<DiscordMessage.Field> fields = new ArrayList<>();
            for (DiscordMessage.Field field : embed.fields().subList(0, Math.min(FIELDS, embed.fields().size()))) {
                fields.add(new DiscordMessage.Field(truncate(field.name(), FIELD_NAME), truncate(field.value(), FIELD_VALUE), field.inline()));
            }
            embeds.add(new DiscordMessage.Embed(truncate(embed.title(), TITLE), truncate(embed.description(), DESCRIPTION), embed.color(),
                    fields, truncate(embed.footer(), FOOTER), embed.timestamp()));
        }
        embeds = shrinkToTotal(embeds);
        return new DiscordMessage(truncate(message.username(), USERNAME), truncate(message.content(), CONTENT), embeds);
    }

    /**
     * Shortens the longest text of all embeds (title, description, footer, field name or value) again and again until
     * they fit in {@link #TOTAL}. Every step shortens something, and even ten embeds of 25 one-character fields are far
     * under the total, so it always ends within the limit.
     */
    private static List<DiscordMessage.Embed> shrinkToTotal(List<DiscordMessage.Embed> embeds) {
        List<String[]> texts = new ArrayList<>();
        for (DiscordMessage.Embed embed : embeds) {
            String[] parts = new String[3 + 2 * embed.fields().size()];
            parts[0] = embed.title();
            parts[1] = embed.description();
            parts[2] = embed.footer();
            for (int f = 0; f < embed.fields().size(); f++) {
                parts[3 + 2 * f] = embed.fields().get(f).name();
                parts[4 + 2 * f] = embed.fields().get(f).value();
            }
            texts.add(parts);
        }
        int excess = texts.stream().mapToInt(parts -> java.util.Arrays.stream(parts).mapToInt(DiscordLimits::length).sum()).sum() - TOTAL;
        while (excess > 0) {
            int[] longest = {0, 0};
            for (int e = 0; e < texts.size(); e++) {
                for (int p = 0; p < texts.get(e).length; p++) {
                    if (length(texts.get(e)[p]) > length(texts.get(longest[0])[longest[1]])) {
                        longest = new int[] {e, p};
                    }
                }
            }
            String text = texts.get(longest[0])[longest[1]];
            int before = length(text);
            if (before <= 1) {
                break;
            }
            String shorter = truncate(text.strip(), Math.max(1, before - excess));
            texts.get(longest[0])[longest[1]] = shorter;
            excess -= before - length(shorter);
        }
        List<DiscordMessage.Embed> fitted = new ArrayList<>();
        for (int e = 0; e < embeds.size(); e++) {
            DiscordMessage.Embed embed = embeds.get(e);
            String[] parts = texts.get(e);
            List<DiscordMessage.Field> fields = new ArrayList<>();
            for (int f = 0; f < embed.fields().size(); f++) {
                fields.add(new DiscordMessage.Field(parts[3 + 2 * f], parts[4 + 2 * f], embed.fields().get(f).inline()));
            }
            fitted.add(new DiscordMessage.Embed(parts[0], parts[1], embed.color(), fields, parts[2], embed.timestamp()));
        }
        return fitted;
    }

    /** Cuts {@code text} to at most {@code max} units, ending in an ellipsis, never inside a surrogate pair. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
    }

    private static int length(String text) {
        return text == null ? 0 : text.strip().length();
    }

    /** What a webhook payload breaks, as Discord would report it (json path: message); empty when it is acceptable. */
    public static List<String> violations(JsonNode payload) {
        List<String> problems = new ArrayList<>();
        JsonNode content = payload.get("content");
        JsonNode embeds = payload.get("embeds");
        if ((content == null || content.asText().isBlank()) && (embeds == null || embeds.isEmpty())) {
            problems.add("content: Cannot send an empty message");
        }
        max(problems, "content", content, CONTENT);
        max(problems, "username", payload.get("username"), USERNAME);
        if (embeds != null) {
            if (embeds.size() > EMBEDS) {
                problems.add("embeds: Must be " + EMBEDS + " or fewer in length.");
            }
            int total = 0;
            for (int i = 0; i < embeds.size(); i++) {
                JsonNode embed = embeds.get(i);
                String at = "embeds." + i + ".";
                total += max(problems, at + "title", embed.get("title"), TITLE) + max(problems, at + "description", embed.get("description"), DESCRIPTION)
                        + max(problems, at + "footer.text", embed.path("footer").get("text"), FOOTER)
                        + max(problems, at + "author.name", embed.path("author").get("name"), AUTHOR_NAME);
                JsonNode fields = embed.get("fields");
                if (fields != null) {
                    if (fields.size() > FIELDS) {
                        problems.add(at + "fields: Must be " + FIELDS + " or fewer in length.");
                    }
                    for (int f = 0; f < fields.size(); f++) {
                        total += max(problems, at + "fields." + f + ".name", fields.get(f).get("name"), FIELD_NAME)
                                + max(problems, at + "fields." + f + ".value", fields.get(f).get("value"), FIELD_VALUE);
                    }
                }
            }
            if (total > TOTAL) {
                problems.add("embeds: Embed size exceeds maximum size of " + TOTAL);
            }
        }
        return problems;
    }

    private static int max(List<String> problems, String path, JsonNode node, int limit) {
        if (node == null || node.isNull()) {
            return 0;
        }
        int length = node.asText().strip().length();
        if (length > limit) {
            problems.add(path + ": Must be " + limit + " or fewer in length.");
        }
        return length;
    }
}
