package io.wabaflow.sandbox.world;

/** A business portfolio. The partner is the business that owns our Meta app (the Tech Provider / Solution Partner). */
public record Business(String id, String name, boolean partner, long seq) {
}
