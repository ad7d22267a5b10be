package dev.sigil.fleet.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A webhook message: optional text content and embeds, in the shape Discord's execute-webhook endpoint takes. */
public record DiscordMessage(String username, String content, List<Embed> embeds) {

    /** An embed; {@code color} is an RGB integer, {@code timestamp} is shown in the reader's time zone. */
    public record Embed(String title, String description, int color, List<Field> fields, String footer, Instant timestamp) {
    }

    /** An embed field. */
    public record Field(String name, String value, boolean inline) {
    }

    public static final int RED = 0xD83C3E;
    public static final int AMBER = 0xF0B232;
    public static final int GREEN = 0x23A559;
    public static final int BLUE = 0x5865F2;

    public DiscordMessage {
        embeds = embeds == null ? List.of() : List.copyOf(embeds);
    }

    /** The JSON body, as a map for a JSON writer. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (username != null) {
            json.put("username", username);
        }
        if (content != null && !content.isEmpty()) {
            json.put("content", content);
        }
        List<Map<String, Object>> embedJson = new ArrayList<>();
        for (Embed embed : embeds) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("title", embed.title());
            e.put("description", embed.description());
            e.put("color", embed.color());
            List<Map<String, Object>> fields = new ArrayList<>();
            for (Field field : embed.fields()) {
                fields.add(Map.of("name", field.name(), "value", field.value(), "inline", field.inline()));
            }
            e.put("fields", fields);
            if (embed.footer() != null) {
                e.put("footer", Map.of("text", embed.footer()));
            }
            if (embed.timestamp() != null) {
                e.put("timestamp", embed.timestamp().toString());
            }
            embedJson.add(e);
        }
        if (!embedJson.isEmpty()) {
            json.put("embeds", embedJson);
        }
        json.put("allowed_mentions", Map.of("parse", List.of()));
        return json;
    }

    /** The message as one line of text, for logs and the demo's console. */
    public String plainText() {
        StringBuilder text = new StringBuilder(content == null ? "" : content);
        for (Embed embed : embeds) {
            text.append(text.isEmpty() ? "" : " | ").append(embed.title());
            if (embed.description() != null && !embed.description().isEmpty()) {
                text.append(": ").append(embed.description());
            }
            for (Field field : embed.fields()) {
                text.append(" · ").append(field.name()).append(" ").append(field.value());
            }
        }
        return text.toString();
    }
}
