package io.wabaflow.sender.throughput;

/** Something that leaves at its number's rate: a send on its way to the Graph API. */
public interface Paced {

	String phoneNumberId();
}
