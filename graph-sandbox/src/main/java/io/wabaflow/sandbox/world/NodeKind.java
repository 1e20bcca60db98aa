package io.wabaflow.sandbox.world;

/** What a Graph id points at. */
public enum NodeKind {
	BUSINESS, WABA, PHONE_NUMBER, PAGE, NONE
}
