// Package linearizability checks client histories for linearizability
// (claim C4): a typed layer over porcupine
// (github.com/anishathalye/porcupine), a key-value model, and a JSON-lines
// history format read by `explore lin`.
//
// A history is a slice of Op: which client called what (Input) at Call and
// saw what (Output) at Return. A Model is the sequential specification:
// Init, a pure Step, and optionally Equal, Hash, Partition (linearizability
// is local, so a per-key store is checked key by key), Unknown and
// MarkUnknown (outcomes that are not known), and descriptions for the
// visualization. Check returns a Result whose Verdict is Ok, Illegal, or
// Unknown (the time limit ran out, or the history was invalid and Err says
// why); Result.WriteHTML renders porcupine's visualization.
//
// # Operations with an unknown outcome
//
// A client that timed out or crashed does not know whether its operation
// took effect: it may have, at any moment after the call, or never. Such an
// operation has Return < 0 (the constant Pending), or an output for which
// Model.Unknown reports true. Check never drops it (a write that did take
// effect must be allowed to explain a later read) and never counts it as a
// failure. It does what porcupine's own etcd test does with timed-out
// operations: the operation's return is moved after every other event of
// the history and its output is replaced by an unknown one (MarkUnknown),
// which Step accepts in every state, moving to the state the input leads
// to. The operation can then be linearized anywhere after its call; placed
// at the very end, after everything else, a write has no observable
// effect, which is the same as "never happened". So a pending put may
// explain a read of its value, and the same history without that read is
// linearizable whether or not the put took place.
//
// Deciding linearizability is NP-complete, and operations that may be
// linearized in many orders make the search grow exponentially. Pending
// operations are such operations: all of them are concurrent with the end
// of the history. Proving a history with many pending writes illegal can
// take very long; pass a timeout (Verdict Unknown when it runs out).
// Proving a linearizable history legal is usually fast: BenchmarkCheck10k
// checks 10,000 overlapping operations of 8 clients in about 10-15 ms over
// 16 keys, and 10-20 times as long as a single register (2 cores).
//
// CheckOptions bounds the whole check by a timeout and a heap limit
// (Options). The parts of a partitioned history are checked concurrently,
// so a part that cannot be decided does not use up the others' time; each
// gets its own verdict (Result.Parts), and the first illegal part stops the
// others unless Options.AllParts. Options.Visualize keeps what porcupine
// needs to draw the check (several times slower), so that WriteHTML draws
// exactly what was checked, marked incomplete when the verdict is Unknown.
//
// Times are any integer clock; [Call, Return] is a closed interval, as in
// porcupine, so operations that share an endpoint are concurrent. Validate
// rejects negative clients or call times and a call after its return.
//
// # Key-value histories
//
// KVModel specifies a store with get, put, append and cas on string keys
// and values, where a missing key reads ""; it is partitioned per key.
// RegisterModel has the same operations on a single register (keys are
// ignored) and no partitioning. A cas succeeds (OK) exactly when the key
// holds Expect, and then sets it to Value.
//
// # JSON-lines format
//
// ReadJSONL and WriteJSONL use one JSON object per line, one operation per
// object:
//
//	{"client":1,"op":"put","key":"x","value":"1","call":3,"return":7}
//	{"client":2,"op":"get","key":"x","value":"1","call":4,"return":9}
//	{"client":0,"op":"append","key":"x","value":"ab","call":1,"return":2}
//	{"client":0,"op":"cas","key":"x","expect":"1","value":"2","ok":true,"call":1,"return":2}
//	{"client":3,"op":"put","key":"y","value":"5","call":8,"return":null}
//
// Fields: client (an integer >= 0), op (get, put, append or cas), key, call
// (an integer >= 0) and return (an integer >= call, or null or absent for
// an unknown outcome) are always present. value is the value written by
// put and append, the new value of cas, and the value a get returned;
// expect (cas only) is the value the cas compared with; ok (cas only)
// whether it succeeded. An operation with an unknown outcome has no output:
// a pending get has no value and a pending cas no ok. Any other field, a
// missing or misplaced field, a value of the wrong type, a negative time or
// a call after its return is an error naming the line (a *LineError); a
// file without operations is ErrEmpty. Blank lines and lines whose first
// non-blank character is '#' are comments.
//
// WriteJSONL writes an operation whose output is unknown, even with a known
// return time, as "return": null: Check treats the two alike.
package linearizability
