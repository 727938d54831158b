/* Does nothing: measures the per-execution overhead of the device. */
int main() {
    return 0;
}
