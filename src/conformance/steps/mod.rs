//! Step definitions, by role: arranging state, making calls, checking answers, and checking
//! the reverse task's lifecycle. Step text reads like the document.

mod answers;
mod arrange;
mod calls;
mod lifecycle;
