print("usage: esproxy-bench NAME")
