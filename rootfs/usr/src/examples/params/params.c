/* params: module parameters of several types, in C. Each is a plain variable that module_param
 * registers; insmod (or modprobe, or /etc/modprobe.d) sets it before init runs, and
 * /sys/module/params/parameters/NAME shows it (and, for writable ones, lets root change it).
 * (params.ts is the same module in TypeScript; `make` builds this one.) */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>

static short myshort = 1;
static unsigned short myushort = 2;
static int myint = 420;
static long mylong = 9999;
static char *mystring = "blah";
static bool mybool;
static int myintarray[4] = { 420, 420, 420, 420 }; /* at most 4 values */
static int arr_argc; /* how many values insmod gave for myintarray */

module_param(myshort, short, 0644);
MODULE_PARM_DESC(myshort, "A short integer");
module_param(myushort, ushort, 0444);
MODULE_PARM_DESC(myushort, "An unsigned short integer");
module_param(myint, int, 0644);
MODULE_PARM_DESC(myint, "An integer");
module_param(mylong, long, 0444);
MODULE_PARM_DESC(mylong, "A long integer");
module_param(mystring, charp, 0444);
MODULE_PARM_DESC(mystring, "A character string");
module_param(mybool, bool, 0644);
MODULE_PARM_DESC(mybool, "A boolean (y/n, 1/0, on/off)");
module_param_array(myintarray, int, &arr_argc, 0444);
MODULE_PARM_DESC(myintarray, "An array of up to 4 integers");

static int __init params_init(void)
{
	int i;

	pr_info("params: myshort is a short integer: %hd\n", myshort);
	pr_info("params: myushort is an unsigned short integer: %hu\n", myushort);
	pr_info("params: myint is an integer: %d\n", myint);
	pr_info("params: mylong is a long integer: %ld\n", mylong);
	pr_info("params: mystring is a string: %s\n", mystring);
	pr_info("params: mybool is %s\n", mybool ? "true" : "false");
	for (i = 0; i < ARRAY_SIZE(myintarray); i++)
		pr_info("params: myintarray[%d] = %d\n", i, myintarray[i]);
	pr_info("params: got %d arguments for myintarray.\n", arr_argc);
	return 0;
}

static void __exit params_exit(void)
{
	pr_info("params: goodbye (myint is now %d)\n", myint);
}

module_init(params_init);
module_exit(params_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("Module parameters of several types");
