# rule: CALL_DEPTH
mov %r0, 0
call local -2
exit
