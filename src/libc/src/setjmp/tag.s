# The exception tag longjmp throws (setjmp.c): one i32, the address of the jump's arguments.
	.globl __c_longjmp
	.tagtype __c_longjmp i32
__c_longjmp:
