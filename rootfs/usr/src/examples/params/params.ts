// params: module parameters of several types. Each is a plain variable that module_param
// registers; insmod (or modprobe, or /etc/modprobe.d) sets it before init runs, and
// /sys/module/params/parameters/NAME shows it (and, for writable ones, lets root change it).
import { pr_info } from "linux/printk";
import { module_init, module_exit, module_param, module_param_array, MODULE_PARM_DESC,
  MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

let myshort = 1;
let myushort = 2;
let myint = 420;
let mylong = 9999;
let mystring: string | null = "blah";
let mybool = false;
const myintarray = [420, 420, 420, 420]; // at most 4 values
let arr_argc = 0; // how many values insmod gave for myintarray

module_param(myshort, "short", 0o644);
MODULE_PARM_DESC(myshort, "A short integer");
module_param(myushort, "ushort", 0o444);
MODULE_PARM_DESC(myushort, "An unsigned short integer");
module_param(myint, "int", 0o644);
MODULE_PARM_DESC(myint, "An integer");
module_param(mylong, "long", 0o444);
MODULE_PARM_DESC(mylong, "A long integer");
module_param(mystring, "charp", 0o444);
MODULE_PARM_DESC(mystring, "A character string");
module_param(mybool, "bool", 0o644);
MODULE_PARM_DESC(mybool, "A boolean (y/n, 1/0, on/off)");
module_param_array(myintarray, "int", arr_argc, 0o444);
MODULE_PARM_DESC(myintarray, "An array of up to 4 integers");

function params_init(): number {
  pr_info("params: myshort is a short integer: %hd\n", myshort);
  pr_info("params: myushort is an unsigned short integer: %hu\n", myushort);
  pr_info("params: myint is an integer: %d\n", myint);
  pr_info("params: mylong is a long integer: %ld\n", mylong);
  pr_info("params: mystring is a string: %s\n", mystring);
  pr_info("params: mybool is %s\n", mybool ? "true" : "false");
  for (let i = 0; i < myintarray.length; i++) pr_info("params: myintarray[%d] = %d\n", i, myintarray[i]);
  pr_info("params: got %d arguments for myintarray.\n", arr_argc);
  return 0;
}

function params_exit(): void {
  pr_info("params: goodbye (myint is now %d)\n", myint);
}

module_init(params_init);
module_exit(params_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("Module parameters of several types");
