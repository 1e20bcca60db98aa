package io.wabaflow.onboarding.flow;

import java.util.concurrent.CompletableFuture;

/**
 * The step of one state: reads the claimed flow, makes its Graph calls asynchronously and answers what happens
 * next. A step never writes anything itself and never waits: "later" is the transition's delay. A step may run
 * again after a crash (see {@link Flow#claims()}), so it must be harmless to redo.
 */
public interface Step {

	CompletableFuture<Transition> run(Flow flow);
}
