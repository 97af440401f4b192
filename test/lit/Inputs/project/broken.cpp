// Does not compile: rcu-check reports the compiler's error and exits 2.
int broken() { return undeclared_name; }
