# rule: CALL_DEPTH
mov %r0, 0
call local +1
exit
call local +1
exit
call local +1
exit
call local +1
exit
call local +1
exit
call local +1
exit
call local +1
exit
call local +1
exit
mov %r0, 0
exit
