package linearizability

type kvOp = Op[KVInput, KVOutput]

func put(c int, k, v string, call, ret int64) kvOp {
	return kvOp{Client: c, Input: KVInput{Op: Put, Key: k, Value: v}, Call: call, Return: ret}
}

func appendOp(c int, k, v string, call, ret int64) kvOp {
	return kvOp{Client: c, Input: KVInput{Op: Append, Key: k, Value: v}, Call: call, Return: ret}
}

func get(c int, k, v string, call, ret int64) kvOp {
	return kvOp{Client: c, Input: KVInput{Op: Get, Key: k}, Output: KVOutput{Value: v}, Call: call, Return: ret}
}

func cas(c int, k, expect, v string, ok bool, call, ret int64) kvOp {
	return kvOp{Client: c, Input: KVInput{Op: CAS, Key: k, Expect: expect, Value: v}, Output: KVOutput{OK: ok}, Call: call, Return: ret}
}
