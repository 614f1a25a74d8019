package org.labpose.video.io;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;

/**
 * Decodes a frame source on its own thread and hands the frames (optionally transformed there,
 * e.g. prepared for a network) to one consumer through a bounded queue, so that a slow consumer
 * never makes memory grow. {@link #take()} returns items in frame order, null at the end, and
 * rethrows a decoding error with its frame. Close it to stop the thread.
 *
 * @param <T> what the decoder thread makes of each frame
 */
public final class FrameStream<T> implements AutoCloseable {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private final String name;
  private final java.util.concurrent.ExecutorService workers;
  private volatile boolean closed;

  /**
   * Starts decoding.
   *
   * @param source the frames (owned by the caller; read only by the stream's thread until closed)
   * @param capacity the queue's size in frames
   * @param transform applied to each frame on the decoder thread
   */
  public FrameStream(FrameSource source, int capacity, Function<RgbImage, T> transform) {
    this(source, capacity, transform, 1);
  }

  /**
   * Starts decoding, with the transform running on {@code transformThreads} worker threads when
   * more than one (to keep a fast consumer such as a GPU fed); items still come out in frame order
   * and at most {@code capacity} frames are in flight.
   */
  public FrameStream(FrameSource source, int capacity, Function<RgbImage, T> transform, int transformThreads) {
    if (transformThreads < 1) {
      throw new IllegalArgumentException("transform threads must be at least 1, got " + transformThreads);
    }
    this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
    this.name = source.name();
    this.workers = transformThreads == 1 ? null : java.util.concurrent.Executors.newFixedThreadPool(transformThreads, r -> {
      Thread t = new Thread(r, "labpose-prepare");
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(() -> {
      try {
        RgbImage img;
        while (!closed && (img = source.next()) != null) {
          if (workers == null) {
            queue.put(transform.apply(img));
          } else {
            RgbImage frame = img;
            queue.put(workers.submit(() -> transform.apply(frame)));
          }
        }
        queue.put(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        try {
          queue.put(e);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
    }, "labpose-decode");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The next item, or null at the end of the source.
   *
   * @throws IOException the decoding error (naming the file and frame), or a stall of 10 minutes
   */
  @SuppressWarnings("unchecked")
  public T take() throws IOException {
    Object o;
    try {
      o = queue.poll(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for frames of " + name, e);
    }
    if (o == null) {
      throw new IOException(name + ": decoding stalled for 10 minutes");
    }
    if (o == END) {
      queue.offer(END);
      return null;
    }
    if (o instanceof IOException e) {
      throw e instanceof InputFormatException ? e : new IOException(e.getMessage(), e);
    }
    if (o instanceof RuntimeException e) {
      throw e;
    }
    if (o instanceof java.util.concurrent.Future<?> f) {
      try {
        return (T) f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while preparing frames of " + name, e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IOException(name + ": preparing a frame failed: " + e.getCause(), e.getCause());
      }
    }
    return (T) o;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    if (workers != null) {
      workers.shutdownNow();
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
