//! The page's queue of files waiting for the worker: one file in the worker at a time, the rest
//! in order; cancelling a waiting file just drops it, cancelling the running one means stopping
//! the worker (wasm cannot be interrupted). Pure and generic over what a job carries (the page
//! keeps the browser's `File` handle, so 500 dropped files are not all read into memory at once).

use std::collections::VecDeque;

/// Identifies a job for the page's lifetime (never reused).
pub type JobId = u64;

/// A file (or pasted text) waiting for, or in, the worker.
#[derive(Clone, Debug, PartialEq)]
pub struct Job<P> {
    pub id: JobId,
    pub name: String,
    pub payload: P,
}

/// What cancelling a job needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cancelled {
    /// It was waiting: dropped, nothing else to do.
    Waiting { name: String },
    /// It is in the worker: stop the worker (and start a fresh one for the rest).
    Running { name: String },
    /// Not in the queue (already done).
    Unknown,
}

/// A job named for a message: its id and name.
pub type Named = (JobId, String);

/// How far the current run of files has got: `done` of `total` since the queue was last empty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// The waiting files and the one in the worker.
#[derive(Debug)]
pub struct Queue<P> {
    waiting: VecDeque<Job<P>>,
    running: Option<(JobId, String)>,
    next_id: JobId,
    progress: Progress,
}

impl<P> Default for Queue<P> {
    fn default() -> Self {
        Queue {
            waiting: VecDeque::new(),
            running: None,
            next_id: 1,
            progress: Progress::default(),
        }
    }
}

impl<P> Queue<P> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a job at the end; returns its id.
    pub fn push(&mut self, name: String, payload: P) -> JobId {
        if self.is_idle() {
            self.progress = Progress::default();
        }
        let id = self.next_id;
        self.next_id += 1;
        self.waiting.push_back(Job { id, name, payload });
        self.progress.total += 1;
        id
    }

    /// A job finished without going through the queue (e.g. refused before reading): count it
    /// in the progress of the current run.
    pub fn count_done_elsewhere(&mut self) {
        if self.is_idle() {
            self.progress = Progress::default();
        }
        self.progress.total += 1;
        self.progress.done += 1;
    }

    /// The next job to hand to the worker, if the worker is free; it is now running.
    pub fn start_next(&mut self) -> Option<Job<P>> {
        if self.running.is_some() {
            return None;
        }
        let job = self.waiting.pop_front()?;
        self.running = Some((job.id, job.name.clone()));
        Some(job)
    }

    /// The running job ended (parsed, failed or crashed). False for a stale id (a reply from a
    /// worker that was already stopped): ignore it.
    pub fn finish(&mut self, id: JobId) -> bool {
        match &self.running {
            Some((running, _)) if *running == id => {
                self.running = None;
                self.progress.done += 1;
                true
            }
            _ => false,
        }
    }

    /// The running job and its name.
    pub fn running(&self) -> Option<(JobId, &str)> {
        self.running.as_ref().map(|(id, n)| (*id, n.as_str()))
    }

    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// Nothing waiting and nothing running.
    pub fn is_idle(&self) -> bool {
        self.running.is_none() && self.waiting.is_empty()
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Cancel one job.
    pub fn cancel(&mut self, id: JobId) -> Cancelled {
        if let Some(i) = self.waiting.iter().position(|j| j.id == id) {
            let job = self.waiting.remove(i).expect("position is in range");
            self.progress.done += 1;
            return Cancelled::Waiting { name: job.name };
        }
        match self.running.take() {
            Some((running, name)) if running == id => {
                self.progress.done += 1;
                Cancelled::Running { name }
            }
            other => {
                self.running = other;
                Cancelled::Unknown
            }
        }
    }

    /// Cancel everything: the waiting jobs (in order), and the running one if any (stop the
    /// worker for it).
    pub fn cancel_all(&mut self) -> (Vec<Named>, Option<Named>) {
        let waiting: Vec<(JobId, String)> =
            self.waiting.drain(..).map(|j| (j.id, j.name)).collect();
        let running = self.running.take();
        self.progress.done = self.progress.total;
        (waiting, running)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_job_runs_at_a_time_in_order() {
        let mut q = Queue::new();
        let a = q.push("a.pdf".into(), 1);
        let b = q.push("b.pdf".into(), 2);
        let first = q.start_next().unwrap();
        assert_eq!((first.id, first.payload), (a, 1));
        assert!(q.start_next().is_none(), "the worker is busy");
        assert_eq!(q.running(), Some((a, "a.pdf")));
        assert!(q.finish(a));
        assert!(!q.finish(a), "a second reply for the same job is stale");
        assert_eq!(q.start_next().unwrap().id, b);
        assert_eq!(q.progress(), Progress { done: 1, total: 2 });
        q.finish(b);
        assert!(q.is_idle());
        assert_eq!(q.progress(), Progress { done: 2, total: 2 });
        // A new drop starts a new run.
        q.push("c.pdf".into(), 3);
        assert_eq!(q.progress(), Progress { done: 0, total: 1 });
    }

    #[test]
    fn cancelling_a_waiting_job_drops_it_and_a_running_one_asks_to_stop_the_worker() {
        let mut q = Queue::new();
        let a = q.push("a.pdf".into(), ());
        let b = q.push("b.pdf".into(), ());
        q.start_next();
        assert_eq!(
            q.cancel(b),
            Cancelled::Waiting {
                name: "b.pdf".into()
            }
        );
        assert_eq!(q.waiting(), 0);
        assert_eq!(
            q.cancel(a),
            Cancelled::Running {
                name: "a.pdf".into()
            }
        );
        assert_eq!(q.running(), None);
        assert_eq!(q.cancel(a), Cancelled::Unknown);
        assert!(!q.finish(a), "the stopped worker's late reply is ignored");
        assert_eq!(q.progress(), Progress { done: 2, total: 2 });
    }

    #[test]
    fn cancel_all_returns_everything_in_order() {
        let mut q = Queue::new();
        let ids: Vec<JobId> = (0..4).map(|i| q.push(format!("{i}.txt"), i)).collect();
        q.start_next();
        let (waiting, running) = q.cancel_all();
        assert_eq!(running, Some((ids[0], "0.txt".to_string())));
        assert_eq!(
            waiting.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            ids[1..].to_vec()
        );
        assert!(q.is_idle());
        assert_eq!(q.progress(), Progress { done: 4, total: 4 });
    }

    #[test]
    fn files_refused_before_reading_count_in_the_run() {
        let mut q: Queue<()> = Queue::new();
        q.push("a.txt".into(), ());
        q.count_done_elsewhere();
        assert_eq!(q.progress(), Progress { done: 1, total: 2 });
    }
}
