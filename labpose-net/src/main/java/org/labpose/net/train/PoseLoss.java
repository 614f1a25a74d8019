package org.labpose.net.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * DeepLabCut's loss: sigmoid cross-entropy on the score maps (weighted, averaged over weighted
 * cells) plus {@code locrefWeight} times a Huber loss on the refinement offsets (averaged over the
 * cells near labelled keypoints). Labels: score target, score weight, offset target, offset weight.
 */
final class PoseLoss extends Loss {
  private final int k;
  private final float locrefWeight;

  PoseLoss(int keypoints, double locrefWeight) {
    super("PoseLoss");
    this.k = keypoints;
    this.locrefWeight = (float) locrefWeight;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray out = predictions.singletonOrThrow();
    NDArray logits = out.get(":, 0:" + k);
    NDArray loc = out.get(":, " + k + ":" + 3 * k);
    NDArray t = labels.get(0);
    NDArray w = labels.get(1);
    NDArray lt = labels.get(2);
    NDArray lw = labels.get(3);
    // stable BCE with logits: max(z, 0) - z t + log(1 + exp(-|z|))
    NDArray bce = logits.maximum(0).sub(logits.mul(t)).add(logits.abs().neg().exp().add(1f).log());
    NDArray score = bce.mul(w).sum().div(w.sum().maximum(1f));
    NDArray d = loc.sub(lt).abs();
    NDArray q = d.minimum(1f);
    NDArray huber = q.square().mul(0.5f).add(d.sub(q));
    NDArray locref = huber.mul(lw).sum().div(lw.sum().maximum(1f));
    return score.add(locref.mul(locrefWeight));
  }
}
