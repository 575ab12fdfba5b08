package com.healthmed.gateway.record;

import java.util.Locale;
import java.util.Map;

/** Safe file names for downloads: no directories, no control characters, a sane length and extension. */
final class FileNames {

    private static final Map<String, String> EXTENSIONS = Map.of(
            "application/pdf", ".pdf", "image/jpeg", ".jpg", "image/png", ".png", "text/plain", ".txt");

    private FileNames() {
    }

    static String clean(String original, String contentType) {
        String name = original == null ? "" : original;
        name = name.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = name.replaceAll("[\\p{Cntrl}\"*:<>?|]", "").strip();
        name = name.replaceAll("^\\.+", "");
        if (name.length() > 120) {
            name = name.substring(name.length() - 120);
        }
        String extension = EXTENSIONS.getOrDefault(contentType, "");
        if (name.isBlank()) {
            name = "document" + extension;
        } else if (!extension.isEmpty() && !name.toLowerCase(Locale.ROOT).endsWith(extension)
                && !(extension.equals(".jpg") && name.toLowerCase(Locale.ROOT).endsWith(".jpeg"))) {
            name = name + extension;
        }
        return name;
    }
}
