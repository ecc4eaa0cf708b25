//! A fixed set of threads that make signatures, fed through one queue.
//!
//! Under load the threads take one job after another without parking, so a signature costs one
//! thread wake-up (the calling task's, when its signature is ready) instead of the three of a
//! semaphore plus `spawn_blocking` (the permit waiter, the blocking thread, the calling task).
//! The number of threads bounds how many signatures run at once, and the set never grows.
//!
//! One set per size serves the whole process ([`SigningThreads::shared`]): every client built
//! with the same `max_concurrent_signatures` (by default the number of CPUs) signs on the same
//! threads, so the thread count does not grow with the number of clients.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use tokio::sync::oneshot;

use crate::{Error, ErrorKind};

type Job = Box<dyn FnOnce() + Send>;

/// The sets of signing threads in use in the process, by size.
static SHARED: Mutex<Vec<(usize, Weak<SigningThreads>)>> = Mutex::new(Vec::new());

/// A set of signing threads, started on first use and ended when every
/// [`SignLayer`](super::SignLayer) holding it (and every service built from one) is dropped.
pub(super) struct SigningThreads {
    count: usize,
    queue: Mutex<Option<Sender<Job>>>,
}

impl SigningThreads {
    /// `count` threads (at least 1), not started yet.
    pub(super) fn new(count: usize) -> Self {
        SigningThreads {
            count: count.max(1),
            queue: Mutex::new(None),
        }
    }

    /// The process's set of `count` threads (at least 1), shared with every other caller asking
    /// for the same count while any of them holds it.
    pub(super) fn shared(count: usize) -> Arc<Self> {
        let count = count.max(1);
        let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        shared.retain(|(_, threads)| threads.strong_count() > 0);
        let existing = shared
            .iter()
            .filter(|(size, _)| *size == count)
            .find_map(|(_, threads)| threads.upgrade());
        existing.unwrap_or_else(|| {
            let threads = Arc::new(SigningThreads::new(count));
            shared.push((count, Arc::downgrade(&threads)));
            threads
        })
    }

    /// Runs `work` on a signing thread and returns its result.
    pub(super) async fn run<T, F>(&self, work: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move || {
            // The caller may have given up (timeout, dropped future): nobody to tell then.
            let _ = tx.send(work());
        });
        self.sender()?
            .send(job)
            .map_err(|_| Error::new(ErrorKind::Signing, "the signing threads have stopped"))?;
        rx.await
            .map_err(|_| Error::new(ErrorKind::Signing, "the signer panicked"))
    }

    /// The queue, starting the threads the first time.
    fn sender(&self) -> Result<Sender<Job>, Error> {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(sender) = queue.as_ref() {
            return Ok(sender.clone());
        }
        let (sender, receiver) = channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for _ in 0..self.count {
            let receiver = Arc::clone(&receiver);
            std::thread::Builder::new()
                .name("amazon-pay-signer".to_owned())
                .spawn(move || work_loop(&receiver))
                .map_err(|e| {
                    Error::new(ErrorKind::Signing, "could not start a signing thread")
                        .with_source(e)
                })?;
        }
        *queue = Some(sender.clone());
        Ok(sender)
    }
}

/// Takes jobs until every sender is gone. A panicking signer ends its job (the caller sees an
/// error), not the thread.
fn work_loop(receiver: &Mutex<Receiver<Job>>) {
    loop {
        let job = {
            let receiver = receiver.lock().unwrap_or_else(PoisonError::into_inner);
            receiver.recv()
        };
        match job {
            Ok(job) => {
                let _ = catch_unwind(AssertUnwindSafe(job));
            }
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn runs_work_and_survives_a_panic() {
        let threads = SigningThreads::new(1);
        assert_eq!(threads.run(|| 6 * 7).await.unwrap(), 42);
        let err = threads
            .run(|| -> u8 { panic!("a faulty signer") })
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Signing);
        // The one thread is still there.
        assert_eq!(
            threads.run(|| "still signing").await.unwrap(),
            "still signing"
        );
    }

    #[tokio::test]
    async fn at_most_count_jobs_run_at_once() {
        let threads = Arc::new(SigningThreads::new(2));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let jobs = (0..8).map(|_| {
            let (threads, running, most) = (
                Arc::clone(&threads),
                Arc::clone(&running),
                Arc::clone(&most),
            );
            tokio::spawn(async move {
                threads
                    .run(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(5));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                    .unwrap();
            })
        });
        for job in jobs.collect::<Vec<_>>() {
            job.await.unwrap();
        }
        assert!(most.load(Ordering::SeqCst) <= 2, "{most:?} at once");
    }

    #[test]
    fn one_set_per_size_while_held() {
        let a = SigningThreads::shared(3);
        let b = SigningThreads::shared(3);
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &SigningThreads::shared(5)));
        let weak = Arc::downgrade(&a);
        drop((a, b));
        assert_eq!(weak.strong_count(), 0, "the set ends with its last holder");
    }
}
