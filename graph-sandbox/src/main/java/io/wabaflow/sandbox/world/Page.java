package io.wabaflow.sandbox.world;

/**
 * A Facebook Page, owned by a business portfolio ({@code businessId}) or by none (null). The user who completes
 * Embedded Signup lists the pages they granted with {@code GET /me/accounts}, each with its business: where a
 * client looks for the WABA when the session named none.
 */
public record Page(String id, String name, String businessId, long seq) {
}
