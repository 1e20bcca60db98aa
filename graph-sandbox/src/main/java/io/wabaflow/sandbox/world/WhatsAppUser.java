package io.wabaflow.sandbox.world;

/**
 * A consumer on WhatsApp. {@code waId} may differ from the dialled number [IMG]; {@code onWhatsApp=false} makes
 * sends to it fail with 131026; {@code readsMessages=false} stops its statuses at delivered.
 */
public record WhatsAppUser(String phone, String waId, String name, boolean onWhatsApp, boolean readsMessages) {
}
